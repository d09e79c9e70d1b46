/**
 * `tsx lib/cli/doctor.ts …`: the doctor run from source (tests, development). `sesame doctor` (bin/sesame.js) runs
 * the compiled form of the same code. The engine's SMTP probe imports "server-only" (a marker that throws outside a
 * React server build), so it is satisfied with an empty module before the engine loads; then the CLI runs.
 */
import Module from "node:module";

const localRequire = Module.createRequire(__filename);
const marker = localRequire.resolve("server-only");
localRequire.cache[marker] = { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;

const { runDoctor } = localRequire("./doctor-run") as typeof import("./doctor-run");

runDoctor(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
