import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as dotenvParse } from "dotenv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EnvConflictError, writeEnvFile } from "@/lib/env/write";

/**
 * Issue 11 items 9, 10 and 18: a writer killed mid-write (a real kill -9 of a child process) leaves nothing that
 * blocks or leaks — its lock is taken over at once, its temp files go on the next write, no backup is cut off;
 * backups are pruned to the newest N and are 0600; an editor saving during Sesame's rename is not silently lost.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sesame-envw-"));
  file = path.join(dir, "platform.env");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function startWriter(tag: string) {
  const child = spawn(
    // node itself (not the tsx launcher, which would run the writer in a grandchild the kill would miss)
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions",
      "react-server",
      path.join(import.meta.dirname, "env-writer-child.ts"),
      file,
      tag,
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      if (String(d).includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`writer exited early (${code})`)));
  });
  return { child, ready };
}

describe("a writer killed with kill -9", () => {
  it("leaves no lock that blocks, no temp file after the next write, and only whole backups", async () => {
    writeFileSync(file, "# operator's comment\nKEEP=1\n", { mode: 0o600 });
    let leftBehind = 0;
    for (let round = 0; round < 6; round++) {
      const { child, ready } = startWriter(`round${round}-`);
      await ready;
      // let it write for a random while, then kill it wherever it is
      await new Promise((r) => setTimeout(r, 40 + Math.floor(Math.random() * 120)));
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await gone;
      if (readdirSync(dir).some((n) => n.endsWith(".sesame-lock") || n.endsWith(".tmp"))) leftBehind++;
      // the env file is whole: either the operator's or a complete write
      const vars = dotenvParse(readFileSync(file));
      expect(vars.KEEP).toBe("1");
      if (vars.SECRET_VALUE) expect(vars.PADDING).toHaveLength(512 * 1024);
      // the next write succeeds at once, even when the dead writer's lock is still there
      const started = Date.now();
      const res = await writeEnvFile(file, { SECRET_VALUE: `after${round}` }, { keepBackups: 3 });
      expect(res.written).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
      const names = readdirSync(dir);
      expect(
        names.filter((n) => n.endsWith(".tmp") || n.endsWith(".sesame-lock")),
        names.join(" "),
      ).toEqual([]);
      const backups = names.filter((n) => n.includes(".bak-"));
      expect(backups.length).toBeLessThanOrEqual(3);
      for (const b of backups) {
        const text = readFileSync(path.join(dir, b), "utf8");
        const bv = dotenvParse(text);
        expect(bv.KEEP, b).toBe("1");
        if (bv.PADDING !== undefined) expect(bv.PADDING, b).toHaveLength(512 * 1024);
        expect(statSync(path.join(dir, b)).mode & 0o777).toBe(0o600);
      }
    }
    // the kills did land mid-write (a lock or temp file was left behind), so the recovery above was exercised
    expect(leftBehind).toBeGreaterThan(0);
  }, 120_000);

  it("takes over the lock of a dead process at once, but not of a live one", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    const deadPid = await new Promise<number>((resolve) => {
      const c = spawn(process.execPath, ["-e", "0"]);
      c.once("exit", () => resolve(c.pid as number));
    });
    writeFileSync(`${file}.sesame-lock`, `${child.pid}\n`);
    await expect(writeEnvFile(file, { A: "1" })).rejects.toMatchObject({ reason: "busy" });
    child.kill("SIGKILL");
    writeFileSync(`${file}.sesame-lock`, `${deadPid}\n`);
    await expect(writeEnvFile(file, { A: "1" })).resolves.toMatchObject({ written: true });
  });
});

describe("backups", () => {
  it("keeps the newest N (default 3, SESAME_ENV_BACKUPS), mode 0600, and reports where they are", async () => {
    writeFileSync(file, "A=0\n");
    let last: Awaited<ReturnType<typeof writeEnvFile>> | undefined;
    for (let i = 1; i <= 7; i++) last = await writeEnvFile(file, { A: String(i) });
    const backups = readdirSync(dir).filter((n) => n.includes(".bak-"));
    expect(backups).toHaveLength(3);
    // the newest three: the file's versions 4, 5, 6
    const values = backups.map((b) => dotenvParse(readFileSync(path.join(dir, b))).A).sort();
    expect(values).toEqual(["4", "5", "6"]);
    expect(last?.backups).toHaveLength(3);
    expect(last?.backups[0]).toBe(last?.backupPath);
    for (const b of backups) expect(statSync(path.join(dir, b)).mode & 0o777).toBe(0o600);

    process.env.SESAME_ENV_BACKUPS = "1";
    try {
      await writeEnvFile(file, { A: "8" });
    } finally {
      delete process.env.SESAME_ENV_BACKUPS;
    }
    expect(readdirSync(dir).filter((n) => n.includes(".bak-"))).toHaveLength(1);
  });
});

describe("an editor saving during Sesame's rename", () => {
  it("an in-place save between the last look and the rename is put back and reported", async () => {
    writeFileSync(file, "A=1\n");
    const editorSavesFirst = async (from: string, to: string) => {
      await fs.writeFile(file, "A=1\nEDITOR=saved\n"); // in place, like many editors
      await fs.rename(from, to);
    };
    await expect(writeEnvFile(file, { A: "2" }, { rename: editorSavesFirst })).rejects.toBeInstanceOf(EnvConflictError);
    expect(readFileSync(file, "utf8")).toBe("A=1\nEDITOR=saved\n");
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("a save right after the rename is not reported as Sesame's write", async () => {
    writeFileSync(file, "A=1\n");
    const editorSavesAfter = async (from: string, to: string) => {
      await fs.rename(from, to);
      await fs.writeFile(file, "A=1\nEDITOR=later\n");
    };
    await expect(writeEnvFile(file, { A: "2" }, { rename: editorSavesAfter })).rejects.toBeInstanceOf(EnvConflictError);
    expect(readFileSync(file, "utf8")).toBe("A=1\nEDITOR=later\n");
  });
});
