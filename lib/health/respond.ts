import type { Entry } from "./cache";
import { HEALTH_CONTENT_TYPE, toHealthJson } from "./health-json";
import type { HealthSnapshot } from "./snapshot";

/**
 * Serialises an entry once per distinct state: under load every caller gets the same snapshot, so the JSON is built
 * when the snapshot or its staleness changes, not per request.
 */
let memo: { value: HealthSnapshot; stale: boolean; failedAt?: number; text: string; status: number } | undefined;

export function renderHealthResponse(entry: Entry<HealthSnapshot>): Response {
  const failedAt = entry.lastRefreshFailed?.at;
  if (!memo || memo.value !== entry.value || memo.stale !== entry.stale || memo.failedAt !== failedAt) {
    const { body, httpStatus } = toHealthJson(entry);
    memo = { value: entry.value, stale: entry.stale, failedAt, text: JSON.stringify(body), status: httpStatus };
  }
  return new Response(memo.text, {
    status: memo.status,
    headers: { "Content-Type": HEALTH_CONTENT_TYPE, "Cache-Control": "no-store" },
  });
}
