import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";

/**
 * The deployment files, checked as far as this machine allows: no Docker engine here, but Debian's docker-compose
 * client validates the compose file offline, and the Dockerfile's contract is read from the file itself.
 */

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const COMPOSE = ["/usr/bin/docker-compose", "/usr/local/bin/docker-compose"].find((p) => existsSync(p));

async function composeDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "sesame-compose-"));
  await copyFile(path.join(root, "docker-compose.yml"), path.join(dir, "docker-compose.yml"));
  await copyFile(path.join(root, ".env.example"), path.join(dir, ".env"));
  await mkdir(path.join(dir, "data"));
  await writeFile(path.join(dir, "data/platform.env"), "");
  await writeFile(path.join(dir, "plunk.env"), "");
  return dir;
}

describe.skipIf(!COMPOSE)("docker-compose.yml", () => {
  it("passes `docker-compose config` and wires liveness, the shared env file and the readiness gate", async () => {
    const dir = await composeDir();
    try {
      const compose = COMPOSE as string;
      const { stdout } = await run(compose, ["-f", "docker-compose.yml", "--profile", "gate", "config"], {
        cwd: dir,
        timeout: 60_000,
      });
      // sesame: liveness healthcheck, the shared ./data volume, SESAME_ENV_FILE pointing into it
      const sesame = stdout.slice(stdout.indexOf("\n  sesame:"), stdout.indexOf("\n  sesame-ready:"));
      expect(sesame).toContain("/api/health/live");
      expect(sesame).toMatch(/SESAME_ENV_FILE: \/data\/platform.env/);
      expect(sesame).toMatch(/source: .*\/data\n\s+target: \/data|\/data:\/data/);
      // the gate polls the readiness endpoint, not liveness
      const gate = stdout.slice(stdout.indexOf("\n  sesame-ready:"));
      expect(gate).toContain("/api/health'");
      // the platform loads the file Sesame writes and waits for Sesame
      const plunk = stdout.slice(stdout.indexOf("\n  plunk:"), stdout.indexOf("\n  postgres:"));
      expect(plunk).toContain("service_healthy");
      const { stdout: services } = await run(
        compose,
        ["-f", "docker-compose.yml", "--profile", "gate", "config", "--services"],
        {
          cwd: dir,
        },
      );
      expect(services.split("\n").filter(Boolean).sort()).toEqual([
        "plunk",
        "postgres",
        "redis",
        "sesame",
        "sesame-ready",
      ]);
      // the platform's env_file includes the shared file (compose resolves it to an absolute path)
      const raw = await readFile(path.join(dir, "docker-compose.yml"), "utf8");
      expect(raw).toMatch(/env_file:\n\s+- \.\/plunk\.env.*\n\s+- \.\/data\/platform\.env/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("`docker-compose -f docker-compose.yml config` as typed passes after the documented first-run steps, and names the missing file before them", async () => {
    const dir = await composeDir();
    try {
      const compose = COMPOSE as string;
      const { stdout } = await run(compose, ["-f", "docker-compose.yml", "config"], { cwd: dir, timeout: 60_000 });
      expect(stdout).toMatch(/^services:$/m);
      await run(compose, ["-f", "docker-compose.yml", "config", "-q"], { cwd: dir, timeout: 60_000 });
      // each first-run file is needed: without it compose says which one (docs/deploy.md says so too)
      for (const file of [".env", "plunk.env", "data/platform.env"]) {
        const held = await readFile(path.join(dir, file));
        await rm(path.join(dir, file));
        const err = await run(compose, ["-f", "docker-compose.yml", "config", "-q"], {
          cwd: dir,
          timeout: 60_000,
        }).catch((e: { stderr?: string; code?: number }) => e);
        expect(err, file).toMatchObject({ code: 1 });
        expect((err as { stderr: string }).stderr).toContain(`Couldn't find env file: ${path.join(dir, file)}`);
        await writeFile(path.join(dir, file), held);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the commented gate variant is valid too (service_completed_successfully)", async () => {
    const dir = await composeDir();
    try {
      const file = path.join(dir, "docker-compose.yml");
      const text = (await readFile(file, "utf8"))
        .replace("      # sesame-ready:\n", "      sesame-ready:\n")
        .replace(
          "      #   condition: service_completed_successfully",
          "        condition: service_completed_successfully",
        );
      await writeFile(file, text);
      const { stdout } = await run(COMPOSE as string, ["-f", "docker-compose.yml", "--profile", "gate", "config"], {
        cwd: dir,
      });
      expect(stdout).toContain("condition: service_completed_successfully");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("Dockerfile", () => {
  it("is multi-stage on Node LTS, runs the standalone server as a non-root user with a liveness HEALTHCHECK", async () => {
    const text = await readFile(path.join(root, "Dockerfile"), "utf8");
    const stages = [...text.matchAll(/^FROM (\S+) AS (\w+)/gm)].map((m) => m[2]);
    expect(stages).toEqual(["deps", "build", "runner"]);
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m); // the active LTS line (Node 22 is in maintenance)
    expect(text).toContain("COPY --from=build --chown=node:node /app/.next/standalone ./");
    expect(text).toContain("/app/.next/static ./.next/static");
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "-e", ".*\/api\/health\/live/m);
    expect(text).toContain(
      "COPY --from=build --chown=node:node /app/lib/health/standalone-server.cjs ./sesame-server.cjs",
    );
    expect(text).toMatch(/^CMD \["node", "sesame-server.cjs"\]$/m);
    // the image's build (no SESAME_NEXT_START) must produce the standalone server it copies
    const saved = process.env.SESAME_NEXT_START;
    delete process.env.SESAME_NEXT_START;
    try {
      vi.resetModules();
      const { default: nextConfig } = await import("../../next.config");
      expect(nextConfig.output).toBe("standalone");
    } finally {
      if (saved !== undefined) process.env.SESAME_NEXT_START = saved;
    }
  });

  it(".env.example names every variable Sesame's config and the image entry read", async () => {
    const example = await readFile(path.join(root, ".env.example"), "utf8");
    const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const read = new Set<string>();
    for (const file of ["lib/config.ts", "lib/health/standalone-server.cjs"]) {
      const text = await readFile(path.join(root, file), "utf8");
      for (const m of text.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]);
    }
    // set by the image or by Node itself, not by the operator
    for (const internal of ["NODE_ENV", "HOSTNAME", "__NEXT_PRIVATE_STANDALONE_CONFIG"]) read.delete(internal);
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });

  it(".dockerignore keeps env files and state out of the build context", async () => {
    const lines = (await readFile(path.join(root, ".dockerignore"), "utf8")).split("\n");
    for (const entry of [".env", ".env.*", "data", ".sesame", "node_modules", ".next"]) expect(lines).toContain(entry);
    expect(lines).toContain("!.env.example");
  });
});
