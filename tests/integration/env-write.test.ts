import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as dotenvParse } from "dotenv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EnvValueError } from "@/lib/env/render";
import { EnvConflictError, readEnvFile, writeEnvFile } from "@/lib/env/write";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
let dir: string;
let file: string;
const mode = (p: string) => statSync(p).mode & 0o777;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sesame-env-"));
  file = path.join(dir, "plunk.env");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeEnvFile", () => {
  it("creates a missing file (and its directory) with mode 0600 and no backup", async () => {
    const nested = path.join(dir, "data", "platform.env");
    const r = await writeEnvFile(nested, { AWS_SES_SECRET_ACCESS_KEY: SECRET });
    expect(r.backupPath).toBeNull();
    expect(r.written).toBe(true);
    expect(mode(nested)).toBe(0o600);
    expect(dotenvParse(readFileSync(nested))).toEqual({ AWS_SES_SECRET_ACCESS_KEY: SECRET });
  });

  it("rewrites in place, keeps other lines, and backs up the previous file at 0600", async () => {
    const before = "# mine\nJWT_SECRET=keep\nAWS_SES_REGION=us-east-1\n";
    writeFileSync(file, before, { mode: 0o644 });
    const r = await writeEnvFile(file, { AWS_SES_REGION: "eu-west-1", AWS_SES_SECRET_ACCESS_KEY: SECRET });
    const after = readFileSync(file, "utf8");
    expect(after.startsWith("# mine\nJWT_SECRET=keep\nAWS_SES_REGION=eu-west-1\n")).toBe(true);
    expect(dotenvParse(after)).toEqual({
      JWT_SECRET: "keep",
      AWS_SES_REGION: "eu-west-1",
      AWS_SES_SECRET_ACCESS_KEY: SECRET,
    });
    expect(mode(file)).toBe(0o600);
    expect(r.backupPath).toMatch(/plunk\.env\.bak-\d{8}T\d{9}Z$/);
    expect(readFileSync(r.backupPath!, "utf8")).toBe(before);
    expect(mode(r.backupPath!)).toBe(0o600);
    expect(r.changes.map((c) => c.action)).toEqual(["updated", "added"]);
    // no temp or lock files left behind
    expect(readdirSync(dir).sort()).toEqual([path.basename(r.backupPath!), "plunk.env"].sort());
  });

  it("does not write (or back up) when nothing changes", async () => {
    writeFileSync(file, "A=1\n");
    const r = await writeEnvFile(file, { A: "1" });
    expect(r).toMatchObject({ written: false, backupPath: null });
    expect(readdirSync(dir)).toEqual(["plunk.env"]);
  });

  it("refuses to overwrite a file that changed since it was read", async () => {
    writeFileSync(file, "A=1\n");
    const seen = await readEnvFile(file);
    expect(seen.vars).toEqual({ A: "1" });
    writeFileSync(file, "A=1\nB=operator-edit\n");
    await expect(writeEnvFile(file, { A: "2" }, { expectedHash: seen.hash })).rejects.toBeInstanceOf(EnvConflictError);
    expect(readFileSync(file, "utf8")).toBe("A=1\nB=operator-edit\n");
    expect(readdirSync(dir)).toEqual(["plunk.env"]);
    const fresh = await readEnvFile(file);
    await expect(writeEnvFile(file, { A: "2" }, { expectedHash: fresh.hash })).resolves.toMatchObject({
      written: true,
    });
  });

  it("treats a file created since an 'absent' read as a conflict", async () => {
    const seen = await readEnvFile(file);
    expect(seen.exists).toBe(false);
    writeFileSync(file, "X=1\n");
    await expect(writeEnvFile(file, { A: "1" }, { expectedHash: seen.hash })).rejects.toMatchObject({
      reason: "changed",
    });
  });

  it("lets only one of two concurrent writers with the same read win", async () => {
    writeFileSync(file, "A=0\n");
    const { hash } = await readEnvFile(file);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => writeEnvFile(file, { A: String(i + 1) }, { expectedHash: hash })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(EnvConflictError);
    expect(Object.keys(dotenvParse(readFileSync(file)))).toEqual(["A"]);
    expect(readdirSync(dir).filter((n) => n.includes(".tmp") || n.includes("lock"))).toEqual([]);
  });

  it("takes over a stale lock left by a crashed writer", async () => {
    // a live process (our parent) holds it: busy until the lock is older than staleLockMs
    writeFileSync(`${file}.sesame-lock`, String(process.ppid));
    await expect(writeEnvFile(file, { A: "1" })).rejects.toMatchObject({ reason: "busy" });
    await expect(writeEnvFile(file, { A: "1" }, { staleLockMs: -1 })).resolves.toMatchObject({ written: true });
  });

  it("leaves the file untouched when a value cannot be written", async () => {
    writeFileSync(file, "A=1\n");
    await expect(writeEnvFile(file, { A: `it's "x"` })).rejects.toBeInstanceOf(EnvValueError);
    expect(readFileSync(file, "utf8")).toBe("A=1\n");
    expect(readdirSync(dir)).toEqual(["plunk.env"]);
  });

  it("writes through a symlinked env file and keeps the link", async () => {
    const real = path.join(dir, "real.env");
    writeFileSync(real, "A=1\n");
    symlinkSync(real, file);
    const r = await writeEnvFile(file, { A: "2" });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe("A=2\n");
    expect(r.backupPath?.startsWith(`${real}.bak-`)).toBe(true);
  });

  it("rewrites in place, after a backup, when the file is bind-mounted and cannot be renamed over", async () => {
    writeFileSync(file, "# keep\nA=1\n");
    const busy = async () => {
      throw Object.assign(new Error("EBUSY: resource busy or locked, rename"), { code: "EBUSY" });
    };
    const r = await writeEnvFile(file, { A: "2" }, { rename: busy });
    expect(r).toMatchObject({ written: true, inPlace: true });
    expect(readFileSync(file, "utf8")).toBe("# keep\nA=2\n");
    expect(readFileSync(r.backupPath!, "utf8")).toBe("# keep\nA=1\n");
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("passes other rename failures through and leaves the old file", async () => {
    writeFileSync(file, "A=1\n");
    const denied = async () => {
      throw Object.assign(new Error("EACCES"), { code: "EACCES" });
    };
    await expect(writeEnvFile(file, { A: "2" }, { rename: denied })).rejects.toMatchObject({ code: "EACCES" });
    expect(readFileSync(file, "utf8")).toBe("A=1\n");
    expect(readdirSync(dir)).toEqual(["plunk.env"]);
  });
});
