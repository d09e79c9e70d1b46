"use client";

/** JSON POST/GET to a setup route; always resolves, with the server's message on failure. */
export async function callSetup<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<{ ok: boolean; status: number; data: T & { error?: string } }> {
  try {
    const res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: "no-store",
    });
    const data = (await res.json().catch(() => ({ error: `The server answered HTTP ${res.status}.` }))) as T & {
      error?: string;
    };
    return { ok: res.ok, status: res.status, data };
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    return { ok: false, status: 0, data: { error: "Could not reach the Sesame server." } as T & { error?: string } };
  }
}
