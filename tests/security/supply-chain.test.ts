import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockProblems, packageName } from "../../scripts/supply-chain";

/** The offline supply-chain check `npm test` runs (scripts/supply-chain.ts, docs/security.md#supply-chain). */
const lock = (packages: Record<string, object>) =>
  JSON.stringify({ lockfileVersion: 3, packages: { "": {}, ...packages } });
const manifest = (allowScripts: Record<string, boolean> = {}) => JSON.stringify({ allowScripts });

describe("supply-chain check", () => {
  it("names packages by their lockfile path, scoped and nested too", () => {
    expect(packageName("node_modules/esbuild")).toBe("esbuild");
    expect(packageName("node_modules/a/node_modules/@scope/b")).toBe("@scope/b");
  });

  it("refuses an install script not allowed by name, accepts an allowed one", () => {
    const packages = {
      "node_modules/esbuild": { hasInstallScript: true },
      "node_modules/x/node_modules/evil-postinstall": { hasInstallScript: true },
    };
    expect(lockProblems(lock(packages), manifest({ esbuild: true }))).toEqual([
      'evil-postinstall (node_modules/x/node_modules/evil-postinstall) runs an install script and is not in package.json "allowScripts"',
    ]);
    expect(lockProblems(lock(packages), manifest({ esbuild: true, "evil-postinstall": true }))).toEqual([]);
  });

  it("refuses a deprecated package whose notice names a replacement, lets a bare deprecation pass", () => {
    const problems = lockProblems(
      lock({
        "node_modules/old-thing": { deprecated: "old-thing is no longer supported, use new-thing instead" },
        "node_modules/quiet": { deprecated: "no longer maintained" },
      }),
      manifest(),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^old-thing is deprecated with a replacement/);
  });

  it("passes on this repository (lockfile, allowScripts, npm ls)", () => {
    const root = path.resolve(import.meta.dirname, "..", "..");
    const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/supply-chain.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[supply-chain\] ok/);
  }, 100_000);
});
