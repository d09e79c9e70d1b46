import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { constants as fsc } from "node:fs";
import fs from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { envVarsOf } from "./parse";
import { type ApplyOptions, applyVars, type EnvChange } from "./render";

/**
 * Reading and writing the platform's env file. The file holds the platform's secrets, so it is only ever replaced
 * whole: the new text goes to a temp file in the same directory (same filesystem, so rename is atomic), is fsynced,
 * then renamed over the old one; readers see the old file or the new one, never half of either. The previous
 * version is kept as `<file>.bak-<timestamp>`, itself written to a temp name and renamed, so a crash never leaves a
 * cut-off backup; only the newest `keepBackups` (SESAME_ENV_BACKUPS, default 3) are kept, since each holds the
 * secrets of its moment. All are 0600.
 *
 * Conflicts: the caller shows the operator what will change based on `readEnvFile`, then writes with the hash it
 * read. If the file changed in between (the operator edited it, another Sesame tab wrote it) we refuse instead of
 * silently dropping their edit. A lock file (`<pid> <host> <nonce>`) serialises concurrent writers; the lock of a
 * writer that died (kill -9) is taken over at once, and its temp files are removed by the next write.
 * The race with an editor that ignores the lock is narrowed, not closed: docs/security.md#env-file-writes.
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
  /** replaces fs.rename (tests simulate a bind-mounted file, or an editor saving at the worst moment, with it) */
  rename?: (from: string, to: string) => Promise<void>;
  /** backups to keep, newest first; default SESAME_ENV_BACKUPS or 3 */
  keepBackups?: number;
}

/** SESAME_ENV_BACKUPS: how many backups of the env file are kept (0–100, default 3). */
export function backupsToKeep(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.SESAME_ENV_BACKUPS ?? "");
  return env.SESAME_ENV_BACKUPS !== undefined && Number.isInteger(n) && n >= 0 && n <= 100 ? n : 3;
}

export interface WriteEnvResult {
  /** the previous file's copy, null when the file did not exist or nothing changed */
  backupPath: string | null;
  changes: EnvChange[];
  /** hash of the file as now on disk */
  hash: string;
  written: boolean;
  /** backups of this file still on disk after pruning, newest first */
  backups: string[];
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

/** Whether a process with this pid runs on this host (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A lock is abandoned when its writer is gone: the pid is dead on this host (taken over at once), or the lock is
 * older than staleMs (a writer on another host sharing the volume, whose pid we cannot check).
 */
async function abandoned(lockPath: string, staleMs: number): Promise<boolean> {
  const [text, st] = await Promise.all([
    fs.readFile(lockPath, "utf8").catch(() => null),
    fs.stat(lockPath).catch(() => null),
  ]);
  if (text === null || !st) return true; // released meanwhile
  const [pidText, host] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if ((host === undefined || host === hostname()) && Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
    if (!alive(pid)) return true;
  }
  return Date.now() - st.mtimeMs > staleMs;
}

async function acquireLock(lockPath: string, staleMs: number): Promise<() => Promise<void>> {
  const mine = `${process.pid} ${hostname()} ${randomBytes(8).toString("hex")}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await fs.open(lockPath, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
      await fh.writeFile(mine);
      await fh.close();
      return async () => {
        // release only our own lock: one taken over from us (we were presumed dead) is not ours to remove
        if ((await fs.readFile(lockPath, "utf8").catch(() => null)) === mine) await fs.rm(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (!(await abandoned(lockPath, staleMs))) break;
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new EnvConflictError(`Another write to ${path.basename(lockPath, ".sesame-lock")} is in progress`, "busy");
}

/** Temp files of earlier writers that died mid-write (they may hold secrets): removed while we hold the lock. */
async function removeLeftovers(dir: string, base: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(`.${base}.`) && n.endsWith(".tmp"))
      .map((n) => fs.rm(path.join(dir, n), { force: true })),
  );
}

/** Keep the newest `keep` backups of `abs`, remove the rest; returns the kept ones, newest first. */
async function pruneBackups(abs: string, keep: number): Promise<string[]> {
  const dir = path.dirname(abs);
  const prefix = `${path.basename(abs)}.bak-`;
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix));
  const withTime = await Promise.all(
    names.map(async (n) => ({ n, t: (await fs.stat(path.join(dir, n)).catch(() => null))?.mtimeMs ?? 0 })),
  );
  withTime.sort((a, b) => b.t - a.t || b.n.localeCompare(a.n, "en", { numeric: true }));
  const kept = withTime.slice(0, keep).map((x) => path.join(dir, x.n));
  await Promise.all(withTime.slice(keep).map((x) => fs.rm(path.join(dir, x.n), { force: true })));
  return kept;
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
  const keep = opts.keepBackups ?? backupsToKeep();
  try {
    await removeLeftovers(dir, path.basename(abs));
    const current = await readOrNull(abs);
    const currentHash = hashEnvText(current);
    if (opts.expectedHash !== undefined && opts.expectedHash !== currentHash)
      throw new EnvConflictError(`${path.basename(abs)} changed since it was read; reload and review again`, "changed");

    // applyVars throws EnvValueError for unwritable values before anything touches the disk
    const { text, changes } = applyVars(current ?? "", vars, opts);
    if (current !== null && text === current)
      return {
        backupPath: null,
        changes,
        hash: currentHash,
        written: false,
        inPlace: false,
        backups: await pruneBackups(abs, keep),
      };

    const now = opts.now ?? new Date();
    let backupPath: string | null = null;
    if (current !== null) {
      backupPath = `${abs}.bak-${stamp(now)}`;
      for (let n = 1; await exists(backupPath); n++) backupPath = `${abs}.bak-${stamp(now)}-${n}`;
      // through a temp name: a crash mid-copy leaves a temp file (removed next time), never a cut-off backup
      const backupTmp = path.join(
        dir,
        `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString("hex")}.bak.tmp`,
      );
      await writeNew(backupTmp, current);
      await fs.rename(backupTmp, backupPath);
    }

    let inPlace = false;
    const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await writeNew(tmp, text);
      // Last look, as late as possible: a hard link pins the inode we check, so an editor that saves in place
      // between this look and the rename is still seen afterwards (below) instead of silently lost.
      const pin = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(6).toString("hex")}.pin.tmp`);
      const pinned =
        current !== null &&
        (await fs.link(abs, pin).then(
          () => true,
          () => false,
        ));
      try {
        if (hashEnvText(await readOrNull(pinned ? pin : abs)) !== currentHash)
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
        // compare again after: an in-place save into the old file during the rename is put back, and reported
        if (!inPlace && pinned && hashEnvText(await readOrNull(pin)) !== currentHash) {
          await fs.rename(pin, abs);
          throw new EnvConflictError(
            `${path.basename(abs)} was saved by another program while Sesame was writing it; its version was kept`,
            "changed",
          );
        }
      } finally {
        if (pinned) await fs.rm(pin, { force: true });
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
    // and once more: a program that replaced the file right after our rename wins, but we must not claim we did
    if (!inPlace && hashEnvText(await readOrNull(abs)) !== hashEnvText(text))
      throw new EnvConflictError(
        `${path.basename(abs)} was replaced by another program right after Sesame wrote it; its version was kept`,
        "changed",
      );
    const backups = await pruneBackups(abs, keep);
    return { backupPath, changes, hash: hashEnvText(text), written: true, inPlace, backups };
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
