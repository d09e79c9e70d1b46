"use client";

import type { ErrorOf, RequestOf, ResponseOf, SetupRoute } from "@/lib/setup/contract";

export type SetupResult<R extends SetupRoute> =
  | { ok: true; status: number; data: ResponseOf<R> }
  | { ok: false; status: number; data: ErrorOf<R> };

/**
 * Calls one route of the setup contract (lib/setup/contract.ts), typed by its "METHOD /path" key: the body must be the
 * route's request, the answer is its response or its refusal. Always resolves (a network failure is a refusal with a
 * message), except when aborted.
 */
export async function callSetup<R extends SetupRoute>(
  route: R,
  ...[body, init]: R extends `GET ${string}`
    ? [body?: undefined, init?: { signal?: AbortSignal }]
    : [body: RequestOf<R>, init?: { signal?: AbortSignal }]
): Promise<SetupResult<R>> {
  const [method, url] = route.split(" ") as [string, string];
  try {
    const res = await fetch(url, {
      method,
      headers: method === "GET" ? undefined : { "content-type": "application/json" },
      body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
      signal: init?.signal,
      cache: "no-store",
    });
    const data = await res.json().catch(() => ({ error: `The server answered HTTP ${res.status}.` }));
    if (res.ok) return { ok: true, status: res.status, data: data as ResponseOf<R> };
    const error = typeof data?.error === "string" ? data.error : `The server answered HTTP ${res.status}.`;
    return { ok: false, status: res.status, data: { ...data, error } as ErrorOf<R> };
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    return { ok: false, status: 0, data: { error: "Could not reach the Sesame server." } as ErrorOf<R> };
  }
}
