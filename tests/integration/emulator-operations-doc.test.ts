import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOC_PATH, END, renderSupportedOperations, START } from "@/emulator/operations-doc";

describe("docs/emulator.md supported-operations list", () => {
  it("is exactly what the operation tables generate (rewrite: npx tsx emulator/operations-doc.ts)", () => {
    const doc = readFileSync(DOC_PATH, "utf8");
    const a = doc.indexOf(START);
    const b = doc.indexOf(END);
    expect(a, "start marker").toBeGreaterThan(-1);
    expect(b, "end marker").toBeGreaterThan(a);
    expect(doc.slice(a, b + END.length)).toBe(renderSupportedOperations());
  });

  it("lists every operation of every table, with its IAM action", () => {
    const block = renderSupportedOperations();
    for (const line of ["`SendRawEmail`", "`CreateUser` | `iam:CreateUser`", "`GET /v2/email/account`"]) {
      expect(block).toContain(line);
    }
    expect(block).toContain("`GetCallerIdentity` | none (always allowed)");
  });
});
