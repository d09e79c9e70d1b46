import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { ReportSchema } from "@/lib/diagnose/schema";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { buildCli } from "../../scripts/build-cli.mjs";
import { keyOf, startScenario } from "./diagnose-harness";

/** The healthy world's Plunk v2 event loop: its topic is allow-listed in the env, as Plunk v2 requires. */
const HEALTHY_TOPIC = "arn:aws:sns:us-east-1:123456789012:plunk-ses-events";

/**
 * `sesame …` as installed: bin/sesame.js running the esbuild bundle in dist-cli/ (built here exactly as `npm run
 * build` and `prepare` build it), as a real process with a clean environment, against the emulator.
 */
const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin", "sesame.js");
let em: RunningEmulator;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function sesame(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: dir,
        timeout: 30_000,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
      },
      (err, stdout, stderr) =>
        resolve({
          code: err ? Number((err as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          ms: performance.now() - t0,
        }),
    );
  });
}

beforeAll(async () => {
  await buildCli({ quiet: true });
  em = await startScenario("healthy");
  dir = mkdtempSync(path.join(tmpdir(), "sesame-cli-"));
}, 60_000);
afterAll(async () => {
  await em?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the sesame command", { timeout: 60_000 }, () => {
  it("lists its commands; an unknown one or none is bad usage (exit 2)", async () => {
    const help = await sesame(["--help"]);
    expect(help.code).toBe(0);
    for (const c of ["doctor", "health", "smtp-password", "sigv4"]) expect(help.stdout).toContain(`  ${c} `);
    expect((await sesame([])).code).toBe(2);
    const unknown = await sesame(["doctr"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('sesame: unknown command "doctr"');
  });

  it("doctor --help prints the options, naming --env, without loading the engine", async () => {
    const r = await sesame(["doctor", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sesame doctor \[options\]/);
    expect(r.stdout).toContain("--env FILE");
  });

  it("runs from the compiled bundle, not from sources (the bin does not rebuild a current dist-cli)", async () => {
    const before = statSync(path.join(ROOT, "dist-cli", "sesame.mjs")).mtimeMs;
    await sesame(["smtp-password", "--help"]);
    expect(statSync(path.join(ROOT, "dist-cli", "sesame.mjs")).mtimeMs).toBe(before);
  });

  it("smtp-password derives the same password as the library", async () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const r = await sesame(["smtp-password", "--secret-env", "S", "eu-west-2"], { S: secret });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${await deriveSmtpPassword(secret, "eu-west-2")}\n`);
  });

  it("doctor: --env, --env-file and SESAME_ENV_FILE all reach the doctor; a missing --env file is the doctor's exit 2", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("healthy", "plunk-sender");
    const file = path.join(dir, "platform.env");
    writeFileSync(
      file,
      `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY="${secretAccessKey}"\nAWS_SES_REGION=us-east-1\nSNS_TOPIC_ARNS=${HEALTHY_TOPIC}\n`,
    );
    const env = { AWS_ENDPOINT_URL: em.url, SESAME_DNS_SERVER: `127.0.0.1:${em.ports.dns}` };
    for (const args of [["--env", file], ["--env-file", file], [`--env-file=${file}`], []]) {
      const r = await sesame(["doctor", ...args, "--domain", "example.com", "--json"], {
        ...env,
        ...(args.length ? {} : { SESAME_ENV_FILE: file }),
      });
      expect(r.stderr, args.join(" ")).toBe("");
      expect(r.code, args.join(" ")).toBe(0);
      expect(ReportSchema.parse(JSON.parse(r.stdout)).status).toBe("pass");
      expect(r.stdout).not.toContain(secretAccessKey);
    }
    // with --env (Node 20 itself reads a later --env-file too and exits 9 before the doctor runs when it is missing)
    const missing = await sesame(["doctor", "--env", path.join(dir, "nope.env")], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read the env file ${path.join(dir, "nope.env")}: ENOENT`);
  });

  it("health asks a server and exits 1 when none answers", async () => {
    const r = await sesame(["health", "--url", "http://127.0.0.1:9", "--timeout", "2000"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("fail: http://127.0.0.1:9/api/health: connection failed");
  });
});

describe("bin/sesame.js in a checkout", () => {
  it("builds dist-cli/ itself when it is missing (a clone installed with --ignore-scripts)", async () => {
    // a copy of what the bin needs from a checkout, so the repository's own dist-cli/ stays untouched
    const clone = path.join(dir, "clone");
    for (const p of ["bin", "lib", "scripts/build-cli.mjs", "tsconfig.json", "package.json"])
      cpSync(path.join(ROOT, p), path.join(clone, p), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(clone, "node_modules"));
    const r = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(
        process.execPath,
        [path.join(clone, "bin", "sesame.js"), "doctor", "--help"],
        { timeout: 60_000 },
        (err, stdout) => resolve({ code: err ? 1 : 0, stdout }),
      ),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sesame doctor/);
    expect(existsSync(path.join(clone, "dist-cli", "sesame.mjs"))).toBe(true);
  }, 60_000);
});
