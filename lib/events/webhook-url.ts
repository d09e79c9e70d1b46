/**
 * Can Amazon SNS deliver to this URL? SNS posts from AWS's network, so an address that only exists on this host or
 * this LAN never receives the SubscriptionConfirmation and the subscription stays PendingConfirmation until AWS
 * drops it. Pure checks on the URL's text; no lookup is made (docs/events.md, "Why a subscription stays pending").
 * No node: imports, so the wizard's form can use it in the browser too.
 */

function isIP(host: string): 0 | 4 | 6 {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) && host.split(".").every((p) => Number(p) <= 255)) return 4;
  return host.includes(":") && /^[0-9a-f:.]+$/i.test(host) ? 6 : 0;
}

export type WebhookProblem =
  | "invalid"
  | "scheme"
  | "loopback"
  | "private"
  | "link-local"
  | "unspecified"
  | "local-name"
  | "plain-http"
  | "credentials"
  | "fragment";

export interface WebhookVerdict {
  /** true when AWS can reach the URL as far as its text tells */
  reachable: boolean;
  /** the first problem that makes the URL unusable, if any */
  problem?: WebhookProblem;
  /** plain http where the platform expects https (SNS itself accepts http) */
  plainHttp: boolean;
  host?: string;
}

function ipv4Private(ip: string): WebhookProblem | undefined {
  const [a, b] = ip.split(".").map(Number);
  if (a === 127) return "loopback";
  if (a === 0) return "unspecified";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127))
    return "private";
  if (a === 169 && b === 254) return "link-local";
  return undefined;
}

function ipv6Private(ip: string): WebhookProblem | undefined {
  const v = ip.toLowerCase();
  if (v === "::1") return "loopback";
  if (v === "::") return "unspecified";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped) return ipv4Private(mapped[1]);
  if (/^f[cd]/.test(v)) return "private";
  if (/^fe[89ab]/.test(v)) return "link-local";
  return undefined;
}

/** Names only this host or its LAN resolve: localhost, mDNS, docker service names and other single labels. */
function localName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (/\.(local|internal|lan|home|intranet|corp|localdomain|home\.arpa)$/.test(h)) return true;
  return !h.includes(".");
}

export function checkWebhookUrl(raw: string, opts: { needsHttps: boolean }): WebhookVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { reachable: false, problem: "invalid", plainHttp: false };
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const plainHttp = url.protocol === "http:" && opts.needsHttps;
  const fail = (problem: WebhookProblem): WebhookVerdict => ({ reachable: false, problem, plainHttp, host });
  if (url.protocol !== "http:" && url.protocol !== "https:") return fail("scheme");
  if (url.username || url.password) return fail("credentials");
  if (url.hash) return fail("fragment");
  const family = isIP(host);
  const ipProblem = family === 4 ? ipv4Private(host) : family === 6 ? ipv6Private(host) : undefined;
  if (ipProblem) return fail(ipProblem);
  if (family === 0 && localName(host)) return fail("local-name");
  return { reachable: true, plainHttp, host, ...(plainHttp ? { problem: "plain-http" as const } : {}) };
}

/** Human words for a problem, used as finding evidence and in the wizard's form error. */
export const WEBHOOK_PROBLEM_TEXT: Record<WebhookProblem, string> = {
  invalid: "is not a valid URL",
  scheme: "is not http(s): SNS delivers only to http and https endpoints",
  loopback: "points at this machine (loopback): AWS cannot reach it",
  private: "is a private network address: AWS cannot reach it from the internet",
  "link-local": "is a link-local address: AWS cannot reach it",
  unspecified: "has an unspecified address (0.0.0.0 or ::)",
  "local-name": "uses a host name only this host or LAN resolves (localhost, .local, a docker service name)",
  "plain-http": "uses plain http where the platform expects https",
  credentials: "carries a user name or password in the URL",
  fragment: "has a #fragment, which is never sent to the server",
};
