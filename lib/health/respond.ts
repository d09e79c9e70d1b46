import type { Entry } from "./cache";
import type { UnknownComponent } from "./contract";
import { componentNames, toComponentJson } from "./component-json";
import { HEALTH_CONTENT_TYPE, toHealthJson } from "./health-json";
import { publicSnapshot } from "./redact";
import { API_CSP, SECURITY_HEADERS } from "@/lib/http/security-headers";
import type { HealthSnapshot } from "./snapshot";

/**
 * Every health answer is computed for the moment it is asked (served from Sesame's own cache, whose age `time` and
 * `notes` state): no shared or browser cache may keep it, or a monitor would read yesterday's green.
 */
export const HEALTH_HEADERS = { "Content-Type": HEALTH_CONTENT_TYPE, "Cache-Control": "no-store" } as const;

/**
 * Serialises an entry once per distinct state: under load every caller gets the same snapshot, so the JSON is built
 * when the snapshot or its staleness changes, not per request.
 */
let memo: { value: HealthSnapshot; stale: boolean; failedAt?: number; text: string; status: number } | undefined;

/**
 * The last answer, for the image's server entry (lib/health/standalone-server.cjs) to serve without entering Next
 * while it is fresh. Only a fresh answer with no failed refresh pending is published; past `freshUntil` requests go
 * through Next again, which starts the background refresh.
 */
const g = globalThis as typeof globalThis & {
  __sesameHealthResponse?: { text: string; status: number; headers: Record<string, string>; freshUntil: number };
};

/** The JSON is public: principals by name, no account id (lib/health/redact.ts). */
function publicEntry(entry: Entry<HealthSnapshot>): Entry<HealthSnapshot> {
  return {
    ...entry,
    value: publicSnapshot(entry.value),
    lastRefreshFailed: entry.lastRefreshFailed && {
      at: entry.lastRefreshFailed.at,
      value: publicSnapshot(entry.lastRefreshFailed.value),
    },
  };
}

export function renderHealthResponse(entry: Entry<HealthSnapshot>, periodMs?: number): Response {
  const failedAt = entry.lastRefreshFailed?.at;
  if (!memo || memo.value !== entry.value || memo.stale !== entry.stale || memo.failedAt !== failedAt) {
    const { body, httpStatus } = toHealthJson(publicEntry(entry));
    memo = { value: entry.value, stale: entry.stale, failedAt, text: JSON.stringify(body), status: httpStatus };
  }
  // the fast path answers without Next, so it carries what next.config.ts adds to every Next answer
  const headers = { ...HEALTH_HEADERS, ...SECURITY_HEADERS, "Content-Security-Policy": API_CSP };
  g.__sesameHealthResponse =
    !entry.stale && !entry.lastRefreshFailed && !entry.refreshing && periodMs
      ? { text: memo.text, status: memo.status, headers, freshUntil: entry.checkedAt + periodMs }
      : undefined;
  return new Response(memo.text, { status: memo.status, headers: { ...HEALTH_HEADERS } });
}

/** Forget the published answer (a forced round is about to replace it); Next answers until the next one is rendered. */
export function unpublishHealthResponse(): void {
  g.__sesameHealthResponse = undefined;
}

/** One component's answer (`GET /api/health/<component>`); an unknown name is a 404 listing the known ones. */
export function renderComponentResponse(entry: Entry<HealthSnapshot>, name: string): Response {
  const answer = toComponentJson(publicEntry(entry), name);
  if (!answer) {
    const unknown: UnknownComponent = {
      error: `No health component "${name.slice(0, 60)}".`,
      components: componentNames(entry.value),
    };
    return Response.json(unknown, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return new Response(JSON.stringify(answer.body), { status: answer.httpStatus, headers: { ...HEALTH_HEADERS } });
}
