import "server-only";
import { classifyError, type ClassifiedError } from "./errors";

/**
 * One SDK call with a hard deadline, and what the raw HTTP answer said about time: the `Date` header of the AWS
 * response (success or error) measured against the local clock at the midpoint of the round trip.
 */

export interface CallMeta {
  /** server time from the response's Date header */
  serverDate?: Date;
  /** server time minus local time, ms (positive = local clock is behind) */
  skewMs?: number;
  status?: number;
  elapsedMs: number;
}

export type CallResult<T> =
  | { ok: true; output: T; meta: CallMeta }
  | { ok: false; error: ClassifiedError; meta: CallMeta };

interface HttpResponseLike {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
}

// Deliberately structural: every generated SDK client and command fits, without importing their big unions.
interface SendsCommands {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send() is overloaded per client; any command fits here
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}
interface HasMiddleware {
  middlewareStack: {
    // biome-ignore lint/suspicious/noExplicitAny: smithy middleware generics differ per command
    add(mw: any, opts: any): void;
  };
}

export async function awsCall<T>(
  client: SendsCommands,
  command: HasMiddleware,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<CallResult<T>> {
  const meta: CallMeta = { elapsedMs: 0 };
  const started = Date.now();
  let sentAt = started;
  command.middlewareStack.add(
    // Innermost deserialize-step middleware: sees the raw HTTP response before the SDK turns it into an error.
    (next: (args: unknown) => Promise<{ response: HttpResponseLike }>) => async (args: unknown) => {
      sentAt = Date.now();
      const out = await next(args);
      const receivedAt = Date.now();
      const headers = out.response?.headers ?? {};
      const dateHeader = headers.date ?? headers.Date;
      meta.status = out.response?.statusCode;
      if (dateHeader) {
        const server = new Date(dateHeader);
        if (!Number.isNaN(server.getTime())) {
          meta.serverDate = server;
          // Date has 1-second resolution: compare with the middle of the round trip, rounded the same way.
          meta.skewMs = server.getTime() - Math.floor((sentAt + receivedAt) / 2 / 1000) * 1000;
        }
      }
      return out;
    },
    { step: "deserialize", priority: "low", name: "sesameResponseMeta", override: true },
  );

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs + 250);
  // AbortSignal.any links the caller's signal without adding an "abort" listener to it: a diagnosis makes dozens of
  // concurrent calls under one request signal, and one listener each tripped Node's MaxListenersExceededWarning.
  const abortSignal = opts.signal ? AbortSignal.any([controller.signal, opts.signal]) : controller.signal;
  try {
    const output = (await client.send(command, { abortSignal })) as T;
    meta.elapsedMs = Date.now() - started;
    return { ok: true, output, meta };
  } catch (err) {
    meta.elapsedMs = Date.now() - started;
    return { ok: false, error: classifyError(err, { timedOut }), meta };
  } finally {
    clearTimeout(timer);
  }
}
