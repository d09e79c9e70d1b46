import { setMaxListeners } from "node:events";

/**
 * A one-value cache for expensive probe rounds: single-flight (one run at a time, every caller shares it),
 * fresh for `periodMs`, then stale-while-revalidate (callers get the old value at once, one background refresh),
 * every run bounded by `deadlineMs` (the run's AbortSignal fires, and the caller stops waiting).
 *
 * Whether a finished run is "good enough" to replace the cached one is the caller's call (`isOutage`): a run that
 * only saw AWS being unreachable should not wipe out a recent real answer, until that answer is older than
 * `maxStaleMs`. A value older than `maxStaleMs` is never handed out as current: callers wait for the round.
 */

export interface CacheOptions<T> {
  run: (signal: AbortSignal) => Promise<T>;
  /** how long a value counts as fresh */
  periodMs: number;
  /** a value older than this is no longer served as if current, even when refreshes keep failing */
  maxStaleMs: number;
  /** total time one run may take */
  deadlineMs: number;
  /** builds the value for a run that threw or overran the deadline */
  onFailure: (reason: "timeout" | "error", error: unknown, startedAt: number) => T;
  /** a finished value that only reflects an outage (AWS unreachable), kept out while a good value is young enough */
  isOutage?: (value: T) => boolean;
  now?: () => number;
  /** fewest milliseconds between the start of any round and a forced refresh (the re-check button) */
  minForceIntervalMs?: number;
  /**
   * fewest milliseconds between two forced rounds, whatever else ran: the service sets it to the cache period, so a
   * signed-in operator forces at most one extra round per period (docs/health.md, call budget)
   */
  minForcedGapMs?: number;
}

export interface Entry<T> {
  value: T;
  /** when the run that produced `value` started */
  checkedAt: number;
  /** true when `value` is older than the period (a refresh is due or running) */
  stale: boolean;
  /** the last refresh failed or saw only an outage; `value` is the previous good one */
  lastRefreshFailed?: { at: number; value: T };
  /** a refresh is running right now */
  refreshing: boolean;
}

export interface HealthCache<T> {
  /** the cached entry, running (and awaiting) a first round if there is none */
  get(): Promise<Entry<T>>;
  /**
   * Start a refresh now unless one ran within minForceIntervalMs, and wait for it. With `changed` (the deployed
   * configuration was just rewritten) the answer comes from a round that started after this call: a round already
   * running may have read the old configuration, so it is awaited and then followed by a new one.
   */
  refresh(opts?: { changed?: boolean }): Promise<Entry<T>>;
  /** number of runs started so far (for tests and the bench) */
  readonly runs: number;
}

export function createHealthCache<T>(opts: CacheOptions<T>): HealthCache<T> {
  const now = opts.now ?? Date.now;
  const minForce = opts.minForceIntervalMs ?? 5000;
  let current: { value: T; checkedAt: number } | undefined;
  let failure: { at: number; value: T } | undefined;
  let inflight: Promise<void> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastForced = Number.NEGATIVE_INFINITY;
  const minForcedGap = opts.minForcedGapMs ?? 0;
  let runs = 0;

  function entry(): Entry<T> {
    const c = current as { value: T; checkedAt: number }; // only called once a run has settled, which sets it
    return {
      value: c.value,
      checkedAt: c.checkedAt,
      stale: now() - c.checkedAt >= opts.periodMs,
      lastRefreshFailed: failure,
      refreshing: inflight !== undefined,
    };
  }

  function accept(value: T, startedAt: number, failed: boolean): void {
    const outage = failed || (opts.isOutage?.(value) ?? false);
    // Keep a recent real answer through an outage blip; past maxStaleMs the outage is the answer.
    if (outage && current && startedAt - current.checkedAt < opts.maxStaleMs) {
      failure = { at: startedAt, value };
      return;
    }
    current = { value, checkedAt: startedAt };
    failure = undefined;
  }

  function start(): Promise<void> {
    if (inflight) return inflight;
    const startedAt = now();
    lastStart = startedAt;
    runs++;
    const controller = new AbortController();
    // one round signs dozens of calls in parallel, each listening on this signal; that is expected, not a leak
    setMaxListeners(200, controller.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`health checks overran their ${opts.deadlineMs} ms deadline`));
        resolve("timeout");
      }, opts.deadlineMs);
      timer.unref?.();
    });
    const p = (async () => {
      try {
        const result = await Promise.race([opts.run(controller.signal), deadline]);
        if (result === "timeout") accept(opts.onFailure("timeout", undefined, startedAt), startedAt, true);
        else accept(result, startedAt, false);
      } catch (error) {
        accept(opts.onFailure("error", error, startedAt), startedAt, true);
      } finally {
        clearTimeout(timer);
        inflight = undefined;
      }
    })();
    inflight = p;
    return p;
  }

  return {
    async get() {
      if (!current) {
        await start();
        return entry();
      }
      const age = now() - current.checkedAt;
      // Too old to stand in for the present (nobody asked for a long while): wait for the round, as on a cold
      // start, rather than answer with it. The round is bounded by the deadline, and shared (single flight).
      if (age >= opts.maxStaleMs) {
        await start();
        return entry();
      }
      if (age >= opts.periodMs && now() - lastStart >= opts.periodMs) void start();
      return entry();
    },
    async refresh(o) {
      if (o?.changed) {
        const requestedAt = now();
        if (inflight) await inflight;
        // a round begun after the request (by another caller) will do; otherwise start one
        await (lastStart <= requestedAt ? start() : inflight);
        return entry();
      }
      if (inflight) await inflight;
      else if (!current) await start();
      else if (now() - lastStart >= minForce && now() - lastForced >= minForcedGap) {
        lastForced = now();
        await start();
      }
      return entry();
    },
    get runs() {
      return runs;
    },
  };
}
