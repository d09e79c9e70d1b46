"use client";

import type { ErrorOf, EventOf, RequestOf, ResponseOf, SetupRoute } from "@/lib/setup/contract";

/** Routes a screen can call by their key alone (a `{param}` route is for monitors, not screens). */
export type CallableRoute = Exclude<SetupRoute, `${string}{${string}`>;

export type SetupResult<R extends SetupRoute> =
  | {
      ok: true;
      status: number;
      data: ResponseOf<R>;
      /** the file name an attachment answer (Content-Disposition) carries */
      fileName?: string;
    }
  | { ok: false; status: number; data: ErrorOf<R> };

/**
 * Reads an NDJSON body line by line as the route's declared events (lib/setup/contract.ts). A line that is not JSON
 * or carries no `type` ends the stream with a refusal, as the route would never write it.
 */
async function* ndjson<E>(body: Response["body"]): AsyncGenerator<E> {
  if (!body) return;
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let nl = buf.indexOf("\n");
    while (nl >= 0) {
      const text = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      nl = buf.indexOf("\n");
      if (!text) continue;
      const event = JSON.parse(text) as { type?: unknown };
      if (typeof event?.type !== "string") throw new SyntaxError("The stream carried a line that is no event.");
      yield event as E;
    }
  }
}

/**
 * Calls one route of the contract (lib/setup/contract.ts), typed by its "METHOD /path" key: the body must be the
 * route's request, the answer is its response or its refusal. JSON answers are parsed, text answers (a download) are
 * the text, and an NDJSON route's answer is the stream of its events. Always resolves (a network failure is a refusal
 * with a message), except when aborted.
 */
export async function callSetup<R extends CallableRoute>(
  route: R,
  ...[body, init]: R extends `GET ${string}` | `HEAD ${string}`
    ? [body?: undefined, init?: { signal?: AbortSignal }]
    : [body: RequestOf<R>, init?: { signal?: AbortSignal }]
): Promise<SetupResult<R>> {
  const [method, url] = route.split(" ") as [string, string];
  const bodiless = method === "GET" || method === "HEAD";
  try {
    const res = await fetch(url, {
      method,
      headers: bodiless ? undefined : { "content-type": "application/json" },
      body: bodiless ? undefined : JSON.stringify(body ?? {}),
      signal: init?.signal,
      cache: "no-store",
    });
    const type = res.headers.get("content-type") ?? "";
    if (res.ok && !type.includes("json")) {
      const fileName = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
      return { ok: true, status: res.status, data: (await res.text()) as ResponseOf<R>, fileName };
    }
    if (res.ok && type.includes("ndjson")) {
      return { ok: true, status: res.status, data: ndjson<EventOf<R>>(res.body) as ResponseOf<R> };
    }
    const data = await res.json().catch(() => ({ error: `The server answered HTTP ${res.status}.` }));
    if (res.ok) return { ok: true, status: res.status, data: data as ResponseOf<R> };
    const error = typeof data?.error === "string" ? data.error : `The server answered HTTP ${res.status}.`;
    return { ok: false, status: res.status, data: { ...data, error } as ErrorOf<R> };
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    return { ok: false, status: 0, data: { error: "Could not reach the Sesame server." } as ErrorOf<R> };
  }
}
