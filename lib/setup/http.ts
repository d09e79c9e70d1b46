import "server-only";
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { BODY_LIMITS, BodyTooLargeError, readJsonBody } from "@/lib/http/body";
import { isLocked } from "./lock";
import { validSession } from "./session-table";
import { SESSION_COOKIE } from "./token";

/** A problem the operator can act on: becomes a JSON 4xx with a clear message (never a 500). */
export class SetupError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function jsonError(status: number, message: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error: message, ...extra }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * Same-origin check for mutations: browsers send Origin (and Sec-Fetch-Site) on cross-site POSTs, so a page on
 * another site cannot drive the wizard with the operator's cookie. Requests without either header are not from a
 * browser form on another origin, and still need the session cookie.
 */
export function crossOriginReason(req: Request): string | null {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `cross-site request (${site})`;
  const origin = req.headers.get("origin");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return "malformed Origin header";
    }
    if (!host || originHost !== host) return `Origin ${origin} does not match this server`;
  }
  return null;
}

export interface SetupContext {
  sid: string;
  req: Request;
}

/**
 * Wraps a setup route handler: lock → CSRF (mutations) → session cookie → handler; SetupError and zod errors become
 * JSON 4xx, anything else a generic 500 without details (details may contain secrets).
 */
export function setupRoute(
  handler: (ctx: SetupContext) => Promise<Response>,
  opts: { allowLocked?: boolean } = {},
): (req: Request) => Promise<Response> {
  return async (req: Request) => {
    try {
      if (!opts.allowLocked && (await isLocked())) {
        return jsonError(423, "Setup is locked. Remove the setup.locked file in the state directory to unlock it.");
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        const why = crossOriginReason(req);
        if (why) return jsonError(403, `Rejected: ${why}.`);
      }
      const jar = await cookies();
      const sid = validSession(jar.get(SESSION_COOKIE)?.value);
      if (!sid) return jsonError(401, "Setup token required. Open the link printed at start-up or enter the token.");
      return await handler({ sid, req });
    } catch (err) {
      if (err instanceof SetupError) return jsonError(err.status, err.message, err.extra);
      console.error("[sesame] setup route failed:", err instanceof Error ? err.name : "unknown error");
      return jsonError(500, "Unexpected server error. Check the server log.");
    }
  };
}

/** Parse a JSON body with a zod schema; bad input → 400 with the first problem spelled out. */
export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await readJsonBody(req, BODY_LIMITS.setup);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw new SetupError(413, err.message);
    throw new SetupError(400, "Request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw new SetupError(400, `${where}${issue?.message ?? "invalid input"}`, { field: issue?.path.join(".") });
  }
  return parsed.data;
}
