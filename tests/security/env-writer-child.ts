/**
 * A writer that keeps rewriting the env file with a large value until it is killed: the kill -9 test's victim.
 * Run with `node --import tsx --conditions react-server` (lib/env/write.ts imports server-only).
 */
import { writeEnvFile } from "@/lib/env/write";

const [file, tag] = process.argv.slice(2);
if (!file || !tag) throw new Error("usage: env-writer-child FILE TAG");
const big = "x".repeat(512 * 1024);
async function main(): Promise<never> {
  process.stdout.write("ready\n");
  for (let i = 0; ; i++) {
    await writeEnvFile(file as string, { SECRET_VALUE: `${tag}${i}`, PADDING: big }, { keepBackups: 3 }).catch(
      () => undefined,
    );
  }
}
void main();
