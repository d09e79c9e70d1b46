import { z } from "zod";

/**
 * Sesame's own security settings and the start-up check of them. No server-only import: instrumentation.ts runs
 * this before the server answers anything. Rules explained in docs/security.md.
 */

/** An operator-set token must be at least this long and this varied. */
export const MIN_TOKEN_LENGTH = 24;
export const MIN_TOKEN_DISTINCT = 10;

/** Why an operator-set token is too weak to guard the wizard, or null when it will do. */
export function setupTokenProblem(token: string): string | null {
  const t = token.trim();
  const hint = "(for example: openssl rand -base64 24), or unset it and Sesame prints a generated one";
  if (t.length < MIN_TOKEN_LENGTH) {
    return `SESAME_SETUP_TOKEN is ${t.length} characters long; use at least ${MIN_TOKEN_LENGTH} ${hint}.`;
  }
  const distinct = new Set(t).size;
  if (distinct < MIN_TOKEN_DISTINCT) {
    return `SESAME_SETUP_TOKEN uses only ${distinct} different characters; use at least ${MIN_TOKEN_DISTINCT} ${hint}.`;
  }
  return null;
}

/** Session lifetimes: SESAME_SESSION_IDLE_SECONDS (default 1 h) and SESAME_SESSION_MAX_SECONDS (default 12 h). */
export const SessionLifetimesSchema = z.object({
  idleSeconds: z.coerce
    .number()
    .int()
    .positive()
    .default(60 * 60),
  maxSeconds: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60 * 60),
});

export function sessionLifetimes(env: NodeJS.ProcessEnv = process.env): { idleMs: number; maxMs: number } {
  const parsed = SessionLifetimesSchema.safeParse({
    idleSeconds: env.SESAME_SESSION_IDLE_SECONDS || undefined,
    maxSeconds: env.SESAME_SESSION_MAX_SECONDS || undefined,
  });
  // a malformed value is refused at start-up (startupProblems); should one appear later, the defaults hold
  const l = parsed.success ? parsed.data : SessionLifetimesSchema.parse({});
  return { idleMs: l.idleSeconds * 1000, maxMs: l.maxSeconds * 1000 };
}

/** What in the environment keeps Sesame from starting safely, one sentence each (empty: all well). */
export function startupProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const token = env.SESAME_SETUP_TOKEN;
  if (token) {
    const p = setupTokenProblem(token);
    if (p) problems.push(p);
  }
  const lifetimes = SessionLifetimesSchema.safeParse({
    idleSeconds: env.SESAME_SESSION_IDLE_SECONDS || undefined,
    maxSeconds: env.SESAME_SESSION_MAX_SECONDS || undefined,
  });
  if (!lifetimes.success) {
    problems.push(
      "SESAME_SESSION_IDLE_SECONDS and SESAME_SESSION_MAX_SECONDS must be whole positive numbers of seconds.",
    );
  }
  return problems;
}
