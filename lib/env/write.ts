import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { constants as fsc } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { envVarsOf } from "./parse";
import { type ApplyOptions, applyVars, type EnvChange } from "./render";

/**
 * Reading and writing the platform's env file. The file holds the platform's secrets, so it is only ever replaced
 * whole: the new text goes to a temp file in the same directory (same filesystem, so rename is atomic), is fsynced,
 * then renamed over the old one; readers see the old file or the new one, never half of either. The previous
 * version is kept as `<file>.bak-<timestamp>`. Both are 0600.
 *
 * Conflicts: the caller shows the operator what will change based on `readEnvFile`, then writes with the hash it
 * read. If the file changed in between (the operator edited it, another Sesame tab wrote it) we refuse instead of
 * silently dropping their edit. A lock file serialises concurrent writers within the window.
 */
export class EnvConflictError extends Error {
  readonly code = "ENV_CONFLICT";
  constructor(
    message: string,
    readonly reason: "changed" | "busy",
  ) {
    super(message);
    this.name = "EnvConflictError";
  }
}

/** Hash of a file's content; a missing file has its own hash so "create" is protected too. */
export function hashEnvText(text: string | null): string {
  return text === null ? "absent" : createHash("sha256").update(text, "utf8").digest("hex");
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export interface EnvFileState {
  text: string;
  hash: string;
  vars: Record<string, string>;
  exists: boolean;
}

export async function readEnvFile(file: string): Promise<EnvFileState> {
  const text = await readOrNull(file);
  return { text: text ?? "", hash: hashEnvText(text), vars: envVarsOf(text ?? ""), exists: text !== null };
}

export interface WriteEnvOptions extends ApplyOptions {
  /** hash from readEnvFile; when given and the file no longer matches, EnvConflictError("changed") */
  expectedHash?: string;
  /** a lock older than this is considered abandoned (a crashed writer) */
  staleLockMs?: number;
  /** replaces fs.rename (tests simulate a bind-mounted file with it) */
  rename?: (from: string, to: string) => Promise<void>;
}

export interface WriteEnvResult {
  /** the previous file's copy, null when the file did not exist or nothing changed */
  backupPath: string | null;
  changes: EnvChange[];
  /** hash of the file as now on disk */
  hash: string;
  written: boolean;
  /**
   * true when the file had to be rewritten in place: a single file bind-mounted into a container cannot be renamed
   * over (EBUSY), so the backup is the safety net there instead of the rename.
   */
  inPlace: boolean;
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.(\d{3})Z$/, "$1Z");
}

async function writeNew(file: string, data: string): Promise<void> {
  // O_EXCL: never follow or reuse something already at this name
  const fh = await fs.open(file, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
  try {
    await fh.writeFile(data, "utf8");
    await fh.chmod(0o600);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function overwriteInPlace(file: string, data: string): Promise<void> {
  const fh = await fs.open(file, fsc.O_WRONLY | fsc.O_TRUNC);
  try {
    await fh.writeFile(data, "utf8");
    await fh.chmod(0o600).catch(() => {});
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await fs.open(dir, fsc.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // some filesystems refuse fsync on directories; the rename itself is still atomic
  }
}

async function acquireLock(lockPath: string, staleMs: number): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await fs.open(lockPath, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await fs.rm(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const st = await fs.stat(lockPath).catch(() => null);
      if (st && Date.now() - st.mtimeMs > staleMs) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      break;
    }
  }
  throw new EnvConflictError(`Another write to ${path.basename(lockPath, ".sesame-lock")} is in progress`, "busy");
}

export async function writeEnvFile(
  file: string,
  vars: Record<string, string>,
  opts: WriteEnvOptions = {},
): Promise<WriteEnvResult> {
  // write through a symlinked env file (a common layout) rather than replacing the link with a regular file
  const abs = await fs.realpath(path.resolve(file)).catch(() => path.resolve(file));
  const dir = path.dirname(abs);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const release = await acquireLock(`${abs}.sesame-lock`, opts.staleLockMs ?? 30_000);
  try {
    const current = await readOrNull(abs);
    const currentHash = hashEnvText(current);
    if (opts.expectedHash !== undefined && opts.expectedHash !== currentHash)
      throw new EnvConflictError(`${path.basename(abs)} changed since it was read; reload and review again`, "changed");

    // applyVars throws EnvValueError for unwritable values before anything touches the disk
    const { text, changes } = applyVars(current ?? "", vars, opts);
    if (current !== null && text === current)
      return { backupPath: null, changes, hash: currentHash, written: false, inPlace: false };

    const now = opts.now ?? new Date();
    let backupPath: string | null = null;
    if (current !== null) {
      backupPath = `${abs}.bak-${stamp(now)}`;
      for (let n = 1; await exists(backupPath); n++) backupPath = `${abs}.bak-${stamp(now)}-${n}`;
      await writeNew(backupPath, current);
    }

    let inPlace = false;
    const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeNew(tmp, text);
      // last look: an editor that bypasses our lock may have saved meanwhile
      if (hashEnvText(await readOrNull(abs)) !== currentHash)
        throw new EnvConflictError(
          `${path.basename(abs)} changed while Sesame was writing it; nothing was changed`,
          "changed",
        );
      try {
        await (opts.rename ?? fs.rename)(tmp, abs);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (current === null || (code !== "EBUSY" && code !== "EXDEV")) throw err;
        inPlace = true;
      }
      if (inPlace) {
        await overwriteInPlace(abs, text);
        await fs.rm(tmp, { force: true });
      }
    } catch (err) {
      await fs.rm(tmp, { force: true });
      // a failed in-place write may have truncated the file: then the backup is the copy to restore from
      if (backupPath && !inPlace) await fs.rm(backupPath, { force: true });
      throw err;
    }
    await fsyncDir(dir);
    return { backupPath, changes, hash: hashEnvText(text), written: true, inPlace };
  } finally {
    await release();
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}
