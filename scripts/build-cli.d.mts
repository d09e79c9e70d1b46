/** Types for scripts/build-cli.mjs (plain JavaScript, so bin/sesame.js can run it without tsx). */
export const outdir: string;
export function buildCli(opts?: { quiet?: boolean }): Promise<boolean>;
