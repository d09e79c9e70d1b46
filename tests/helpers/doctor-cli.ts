import { execFile } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `sesame doctor` (lib/cli/doctor.ts) in a child process that sees only PATH, HOME and `env`: no AWS_* or SESAME_*
 * from the developer's shell. `env.HOME` replaces the real one (e.g. an empty dir, so no shared AWS files feed the
 * default chain).
 */
export function runDoctorCli(args: string[], env: Record<string, string>): Promise<DoctorRun> {
  return new Promise((resolve) =>
    execFile(
      TSX,
      ["lib/cli/doctor.ts", ...args],
      {
        cwd: ROOT,
        timeout: 30_000,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
      },
      (err: Error | null, stdout: string, stderr: string) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
