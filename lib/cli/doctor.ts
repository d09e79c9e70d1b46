/**
 * Entry point of `npm run -s doctor`. The engine's SMTP probe imports "server-only" (a marker that throws outside a
 * React server build), so it is satisfied with an empty module before the engine loads; then the CLI runs.
 */
import Module from "node:module";

const localRequire = Module.createRequire(__filename);
const marker = localRequire.resolve("server-only");
localRequire.cache[marker] = { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;

// Warnings (e.g. the AWS SDK's Node-version notice) are not the doctor's output.
process.removeAllListeners("warning");

const { doctorMain } = localRequire("../diagnose/doctor-cli") as typeof import("../diagnose/doctor-cli");

doctorMain(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  tty: process.stdout.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`doctor: internal error: ${(err as Error)?.message ?? err}\n`);
    process.exitCode = 2;
  },
);
