import type { SnsConfig } from "../../config";

/**
 * One SNS message to one HTTP/S endpoint, with AWS's default delivery policy for HTTP/S (docs/emulator.md "SNS"):
 * the first attempt at once, then `numRetries` more `retryDelayMs` apart (AWS: 3 retries, 20 s, linear); each
 * attempt bounded by `timeoutMs` (AWS: 15 s). 2xx is delivered; 5xx, 429, a timeout or a connection error are
 * retried; any other status is a permanent failure. Only loopback endpoints unless the config allows any.
 */

export interface DeliveryAttempt {
  at: string;
  subscriptionArn: string;
  endpoint: string;
  type: string;
  messageId: string;
  attempt: number;
  outcome: "delivered" | "failed" | "refused";
  status?: number;
  error?: string;
  /** no further attempt follows this one */
  final: boolean;
}

export function isLoopbackUrl(url: URL): boolean {
  const h = url.hostname.replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export async function deliver(o: {
  endpoint: string;
  subscriptionArn: string;
  message: Record<string, string>;
  policy: SnsConfig["delivery"];
  allowEndpoints: SnsConfig["allowEndpoints"];
  /** false once the subscription or the world is gone: no more retries */
  stillWanted(): boolean;
  record(a: DeliveryAttempt): void;
  now(): Date;
}): Promise<void> {
  const base = {
    subscriptionArn: o.subscriptionArn,
    endpoint: o.endpoint,
    type: o.message.Type,
    messageId: o.message.MessageId,
  };
  const url = new URL(o.endpoint);
  if (o.allowEndpoints === "loopback" && !isLoopbackUrl(url)) {
    o.record({
      ...base,
      at: o.now().toISOString(),
      attempt: 1,
      outcome: "refused",
      error: "the stand-in delivers only to loopback endpoints (sns.allowEndpoints)",
      final: true,
    });
    return;
  }
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=UTF-8",
    "User-Agent": "Amazon Simple Notification Service Agent",
    "x-amz-sns-message-type": o.message.Type,
    "x-amz-sns-message-id": o.message.MessageId,
    "x-amz-sns-topic-arn": o.message.TopicArn,
  };
  if (o.message.Type !== "SubscriptionConfirmation") headers["x-amz-sns-subscription-arn"] = o.subscriptionArn;
  const body = JSON.stringify(o.message);
  const attempts = 1 + o.policy.numRetries;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      // unref'd: a pending retry never keeps a closing process alive
      await new Promise((r) => setTimeout(r, o.policy.retryDelayMs).unref());
      if (!o.stillWanted()) return;
    }
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(o.policy.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? (e.name === "TimeoutError" ? "timed out" : e.message) : String(e);
    }
    const delivered = status !== undefined && status >= 200 && status < 300;
    const retryable = status === undefined || status === 429 || status >= 500;
    const final = delivered || !retryable || attempt === attempts;
    o.record({
      ...base,
      at: o.now().toISOString(),
      attempt,
      outcome: delivered ? "delivered" : "failed",
      status,
      error,
      final,
    });
    if (final) return;
  }
}
