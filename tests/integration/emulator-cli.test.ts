import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_CONFIG } from "../helpers/emulator";

/** `npm run emulator` (= tsx emulator/main.ts): the command people run. */

const ROOT = path.join(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = mkdtempSync(path.join(tmpdir(), "sesame-emulator-cli-"));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

function start(args: string[]) {
  child = spawn(TSX, ["emulator/main.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const proc = child;
  let out = "";
  let err = "";
  proc.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  proc.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line in 20 s: ${out} ${err}`)), 20_000);
    proc.stdout?.on("data", () => {
      if (/AWS endpoint\s+http:\/\/127\.0\.0\.1:\d+/.test(out) && /DNS\s+127\.0\.0\.1:\d+/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    proc.on("exit", () => {
      clearTimeout(timer);
      reject(new Error(`exited: ${out} ${err}`));
    });
  });
  return { proc, ready, exited, output: () => ({ out, err }) };
}

// tsx compiles main.ts first: seconds on a loaded machine, outside the emulator's own start time
describe("npm run emulator", { timeout: 30_000 }, () => {
  it("starts on free ports, reports its readiness time (< 1 s), serves, and stops on SIGTERM", async () => {
    const file = path.join(dir, "config.json");
    writeFileSync(file, JSON.stringify(TEST_CONFIG));
    const run = start(["--config", file, "--port", "0", "--smtp-port", "0", "--dns-port", "0"]);
    const out = await run.ready;
    const ms = Number(/ready in (\d+) ms/.exec(out)?.[1]);
    expect(ms).toBeLessThan(1000);
    const url = /AWS endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    const state = await fetch(`${url}/_emulator/state`, { signal: AbortSignal.timeout(5000) });
    expect(state.status).toBe(200);
    expect((await state.json()).accountId).toBe("123456789012");
    // secrets never printed
    expect(out).not.toContain(TEST_CONFIG.users?.[0].accessKeys?.[0].secret);
    run.proc.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("an invalid config is reported field by field, exit status 2", async () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ accountId: "12", users: [{ name: "x", accessKeys: [{ id: "nope" }] }] }));
    const run = start(["--config", file, "--port", "0", "--smtp-port", "0", "--dns-port", "0"]);
    run.ready.catch(() => {});
    expect(await run.exited).toBe(2);
    const { err } = run.output();
    expect(err).toContain(`config ${file} is invalid:`);
    expect(err).toContain("accountId");
    expect(err).toContain("users.0.accessKeys.0.id");
  });

  it("a bad port is refused with the usage, exit status 2", async () => {
    const run = start(["--port", "99999"]);
    run.ready.catch(() => {});
    expect(await run.exited).toBe(2);
    expect(run.output().err).toContain("--port must be a port number 0-65535, got '99999'");
  });
});
