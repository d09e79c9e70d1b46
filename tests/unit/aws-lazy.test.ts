import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ES module script without type declarations
import { importsOf } from "../../scripts/check-imports.mjs";
import { AwsDoor, loadedSdks } from "@/lib/aws";

/** The SDK clients load lazily: only lib/aws/services.ts names an SDK package as a value, and only on first use. */

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

describe("lazy SDK loading", () => {
  it("no product module imports an AWS SDK client package as a value, except the service table's dynamic imports", () => {
    const offenders: string[] = [];
    for (const f of [...files("lib"), ...files("app"), ...files("components")]) {
      for (const { spec, typeOnly } of importsOf(readFileSync(f, "utf8")) as { spec: string; typeOnly: boolean }[]) {
        if (spec.startsWith("@aws-sdk/client-") && !typeOnly && f !== path.join("lib", "aws", "services.ts"))
          offenders.push(`${f}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("a run that calls only STS loads only the STS package", async () => {
    expect(loadedSdks()).toEqual([]);
    const door = new AwsDoor(
      { timeoutMs: 1000, endpoint: "http://127.0.0.1:9" },
      { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    );
    const r = await door.call("sts", "us-east-1", "GetCallerIdentity", (sdk) => new sdk.GetCallerIdentityCommand({}));
    door.destroy();
    expect(r.ok).toBe(false);
    expect(loadedSdks()).toEqual(["sts"]);
  });
});
