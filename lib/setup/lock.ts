import "server-only";
import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { readConfig } from "@/lib/config";

/** After setup the operator can lock the wizard: every setup route then answers 423 until the flag file is removed. */
export function lockFile(): string {
  return path.join(readConfig().stateDir, "setup.locked");
}

export async function isLocked(): Promise<boolean> {
  try {
    await access(lockFile());
    return true;
  } catch {
    return false;
  }
}

export async function lockSetup(): Promise<void> {
  const file = lockFile();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `locked ${new Date().toISOString()}\n`, { mode: 0o600 });
}
