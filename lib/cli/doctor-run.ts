import { doctorMain } from "@/lib/diagnose/doctor-cli";

const ENV_FLAGS = /^--(env|env-file|envfile)(=|$)/;

/**
 * Without an env-file flag, the file Sesame itself is configured with (SESAME_ENV_FILE) is the one checked: in the
 * image that is /data/platform.env, so `docker compose exec sesame sesame doctor` checks what the platform reads.
 */
export function withDefaultEnvFile(argv: string[], env: Record<string, string | undefined>): string[] {
  if (argv.some((a) => ENV_FLAGS.test(a)) || !env.SESAME_ENV_FILE) return argv;
  return ["--env", env.SESAME_ENV_FILE, ...argv];
}

/** `sesame doctor …` once past --help: the diagnosis engine with the process's streams and environment. */
export function runDoctor(argv: string[]): Promise<number> {
  // Warnings (e.g. the AWS SDK's Node-version notice) are not the doctor's output.
  process.removeAllListeners("warning");
  return doctorMain(withDefaultEnvFile(argv, process.env), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    tty: process.stdout.isTTY === true,
  }).catch((err: unknown) => {
    process.stderr.write(`doctor: internal error: ${(err as Error)?.message ?? err}\n`);
    return 2;
  });
}
