import { deriveSmtpPassword } from "../../lib/sigv4/smtp-password";

/**
 * The e2e secret scan (issue 11; docs/security.md): what a run's browser exchanged, and the secrets the run knew,
 * compared. Pure, so tests/unit/secret-scan.test.ts holds the rules; tests/e2e/fixtures.ts records and calls it.
 */

/** One request the browser made and, when it got one, its response. */
export interface Exchange {
  url: string;
  method: string;
  requestBody: string;
  requestHeaders: string;
  responseBody: string;
  responseHeaders: string;
  /** the test that saw it, for the report */
  test: string;
}

export interface Secret {
  name: string;
  value: string;
  /** the demo's fake bootstrap secret, which the IAM and Domain steps prefill in demo mode (lib/setup/demo-bootstrap.ts) */
  demoPrefill?: boolean;
  /** the setup token, which the printed start-up link carries once (GET /setup?token=…) */
  setupToken?: boolean;
}

/** The forms a secret may take on the wire: raw, URL-encoded, JSON-escaped (also with "\/"), its first and last 16. */
export function variants(secret: string): { form: string; text: string }[] {
  const out = [
    { form: "raw", text: secret },
    { form: "url-encoded", text: encodeURIComponent(secret) },
    { form: "form-encoded", text: encodeURIComponent(secret).replace(/%20/g, "+") },
    { form: "json-escaped", text: JSON.stringify(secret).slice(1, -1) },
    { form: "json-escaped-slashes", text: JSON.stringify(secret).slice(1, -1).replace(/\//g, "\\/") },
  ];
  if (secret.length > 16) {
    out.push({ form: "first 16", text: secret.slice(0, 16) }, { form: "last 16", text: secret.slice(-16) });
  }
  const seen = new Set<string>();
  return out.filter((v) => v.text.length >= 8 && !seen.has(v.text) && seen.add(v.text));
}

/** Every secret the stand-in holds, and the SES SMTP password each key secret gives in each region. */
export async function secretsFromStandIn(
  keys: { userName: string; accessKeyId: string; secretAccessKey: string; sessionToken?: string }[],
  regions: string[],
): Promise<Secret[]> {
  const out: Secret[] = [];
  for (const k of keys) {
    out.push({ name: `secret of ${k.userName}'s key ${k.accessKeyId}`, value: k.secretAccessKey });
    if (k.sessionToken) out.push({ name: `session token of ${k.accessKeyId}`, value: k.sessionToken });
    for (const r of regions) {
      out.push({
        name: `SMTP password (${r}) of ${k.accessKeyId}`,
        value: await deriveSmtpPassword(k.secretAccessKey, r),
      });
    }
  }
  return out;
}

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/** The explicit reveal (POST /api/setup/env {action: "reveal"}) and the download: the two places a secret is shown. */
export function isRevealOrDownload(x: Pick<Exchange, "url" | "method" | "requestBody">): boolean {
  const p = pathOf(x.url);
  if (p === "/api/setup/env/download") return true;
  return p === "/api/setup/env" && x.method === "POST" && /"action"\s*:\s*"reveal"/.test(x.requestBody);
}

/**
 * Where one exchange may carry this secret by design: the reveal and download (any secret), the demo prefill pages
 * (the demo's bootstrap secret only, in their HTML or RSC payload), the start-up link (the token, in its URL only).
 */
function allowedParts(x: Exchange, s: Secret): Set<keyof Exchange> {
  if (isRevealOrDownload(x)) return new Set(["url", "responseBody", "responseHeaders", "requestBody"]);
  const p = pathOf(x.url);
  if (s.demoPrefill && x.method === "GET" && /^\/setup\/(iam|domain)$/.test(p)) return new Set(["responseBody"]);
  if (s.setupToken && x.method === "GET" && p === "/setup" && /[?&]token=/.test(x.url)) return new Set(["url"]);
  return new Set();
}

function withoutAllowed(text: string, allowed: Secret[]): string {
  let out = text;
  for (const s of allowed) for (const v of variants(s.value)) out = out.split(v.text).join("\u0000");
  return out;
}

export type Needle = { secret: Secret; form: string; text: string };

/** Every variant of every secret, keyed by its first 8 characters: one pass over a text finds them all. */
function indexOf(secrets: Secret[]): Map<string, Needle[]> {
  const index = new Map<string, Needle[]>();
  for (const secret of secrets) {
    for (const v of variants(secret.value)) {
      const k = v.text.slice(0, 8);
      const list = index.get(k) ?? [];
      list.push({ secret, ...v });
      index.set(k, list);
    }
  }
  return index;
}

function needlesIn(text: string, index: Map<string, Needle[]>): Needle[] {
  const found: Needle[] = [];
  for (let i = 0; i + 8 <= text.length; i++) {
    const list = index.get(text.slice(i, i + 8));
    if (!list) continue;
    for (const n of list) if (text.startsWith(n.text, i) && !found.includes(n)) found.push(n);
  }
  return found;
}

/**
 * The leaks in `exchanges`: a secret in any response (body or headers) or request URL, and — since the operator's
 * own entries legitimately go to Sesame — in a request body or headers only when the request leaves `origin`.
 * `cache` (text → needles found) lets a run scan each distinct body once, however often it was loaded.
 */
export function findLeaks(
  exchanges: Exchange[],
  secrets: Secret[],
  origin: string,
  cache: Map<string, Needle[]> = new Map(),
): string[] {
  const index = indexOf(secrets);
  const hits: string[] = [];
  for (const x of exchanges) {
    const own = x.url.startsWith(`${origin}/`) || x.url === origin;
    const parts: (keyof Exchange)[] = ["url", "responseBody", "responseHeaders"];
    if (!own) parts.push("requestBody", "requestHeaders");
    for (const part of parts) {
      const text = x[part];
      let found = cache.get(text);
      if (!found) {
        found = needlesIn(text, index);
        cache.set(text, found);
      }
      const named = new Set<string>();
      for (const n of found) {
        if (named.has(n.secret.name) || allowedParts(x, n.secret).has(part)) continue;
        // the stand-in's fake secrets share padding ("…EXAMPLEsecretKEY000…"): 16 characters of one that lie
        // inside a secret allowed here (the demo prefill) are that secret's, not a leak
        const allowedHere = secrets.filter((s) => allowedParts(x, s).has(part));
        if (allowedHere.length && !withoutAllowed(text, allowedHere).includes(n.text)) continue;
        named.add(n.secret.name);
        hits.push(`[${x.test}] ${x.method} ${x.url}: ${n.secret.name} in the ${part} (${n.form})`);
      }
    }
  }
  return hits;
}
