import { describe, expect, it } from "vitest";
import { createHealthCache } from "@/lib/health/cache";

interface V {
  n: number;
  outage?: boolean;
  reason?: string;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function setup(over: Partial<Parameters<typeof createHealthCache<V>>[0]> = {}) {
  let clock = 1_000_000;
  let n = 0;
  const signals: AbortSignal[] = [];
  const cache = createHealthCache<V>({
    run: async (signal) => {
      signals.push(signal);
      return { n: ++n };
    },
    periodMs: 60_000,
    maxStaleMs: 300_000,
    deadlineMs: 1000,
    onFailure: (reason) => ({ n: -1, reason, outage: true }),
    isOutage: (v) => !!v.outage,
    now: () => clock,
    minForceIntervalMs: 5000,
    ...over,
  });
  return {
    cache,
    signals,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("health cache", () => {
  it("runs once for any number of concurrent first callers (single-flight)", async () => {
    const gate = deferred<void>();
    let runs = 0;
    const { cache } = setup({
      run: async () => {
        runs++;
        await gate.promise;
        return { n: 7 };
      },
    });
    const all = Array.from({ length: 200 }, () => cache.get());
    gate.resolve();
    const entries = await Promise.all(all);
    expect(runs).toBe(1);
    expect(cache.runs).toBe(1);
    expect(new Set(entries.map((e) => e.value.n))).toEqual(new Set([7]));
  });

  it("serves the cached value within the period without running again", async () => {
    const { cache, advance } = setup();
    expect((await cache.get()).value.n).toBe(1);
    advance(59_000);
    const e = await cache.get();
    expect(e.value.n).toBe(1);
    expect(e.stale).toBe(false);
    expect(cache.runs).toBe(1);
  });

  it("after the period serves the stale value at once and refreshes once in the background", async () => {
    const gate = deferred<void>();
    let n = 0;
    const { cache, advance } = setup({
      run: async () => {
        n++;
        if (n === 2) await gate.promise;
        return { n };
      },
    });
    await cache.get();
    advance(61_000);
    const during = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(during.every((e) => e.value.n === 1 && e.stale && e.refreshing)).toBe(true);
    expect(cache.runs).toBe(2);
    gate.resolve();
    await new Promise((r) => setTimeout(r, 0));
    const after = await cache.get();
    expect(after.value.n).toBe(2);
    expect(after.stale).toBe(false);
    expect(cache.runs).toBe(2);
  });

  it("bounds a hanging round by the deadline and aborts it", async () => {
    const { cache, signals } = setup({
      run: (signal) => {
        signals.push(signal);
        return new Promise<V>(() => {});
      },
      deadlineMs: 80,
    });
    const t0 = performance.now();
    const e = await cache.get();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.value).toEqual({ n: -1, reason: "timeout", outage: true });
    expect(signals[0]?.aborted).toBe(true);
  });

  it("turns a thrown round into the failure value", async () => {
    const { cache } = setup({
      run: async () => {
        throw new Error("boom");
      },
    });
    expect((await cache.get()).value.reason).toBe("error");
  });

  it("keeps the last good answer through an outage until it is older than maxStale", async () => {
    let outage = false;
    let n = 0;
    const { cache, advance } = setup({ run: async () => ({ n: ++n, outage }) });
    await cache.get();
    outage = true;
    advance(61_000);
    await cache.get(); // kicks off the refresh
    await new Promise((r) => setTimeout(r, 0));
    let e = await cache.get();
    expect(e.value.n).toBe(1);
    expect(e.lastRefreshFailed?.value.n).toBe(2);
    // another period, still failing, still within maxStale (122 s < 300 s): keep serving the good one
    advance(61_000);
    await cache.get();
    await new Promise((r) => setTimeout(r, 0));
    e = await cache.get();
    expect(e.value.n).toBe(1);
    // past maxStale the outage becomes the answer
    advance(300_000);
    await cache.get();
    await new Promise((r) => setTimeout(r, 0));
    e = await cache.get();
    expect(e.value.outage).toBe(true);
    expect(e.lastRefreshFailed).toBeUndefined();
  });

  it("a real (non-outage) answer replaces the cached one immediately", async () => {
    let n = 0;
    const { cache } = setup({ run: async () => ({ n: ++n }) });
    await cache.get();
    const e = await cache.refresh();
    expect(e.value.n).toBe(1); // within the force interval: no new round
    expect(cache.runs).toBe(1);
  });

  it("forced refresh runs at most once per minimum interval", async () => {
    const { cache, advance } = setup();
    await cache.get();
    advance(6000);
    expect((await cache.refresh()).value.n).toBe(2);
    expect((await cache.refresh()).value.n).toBe(2);
    advance(6000);
    expect((await cache.refresh()).value.n).toBe(3);
    expect(cache.runs).toBe(3);
  });

  it("never hands out a value older than maxStale: after a long idle, callers wait for one shared round", async () => {
    const gate = deferred<void>();
    let n = 0;
    const { cache, advance } = setup({
      run: async () => {
        n++;
        if (n === 2) await gate.promise;
        return { n };
      },
    });
    await cache.get();
    advance(300_000); // exactly maxStale: too old to stand in for the present
    let settled = 0;
    const waiting = Array.from({ length: 20 }, () =>
      cache.get().then((e) => {
        settled++;
        return e;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(0); // nobody got the 5-minute-old answer
    expect(cache.runs).toBe(2);
    gate.resolve();
    const entries = await Promise.all(waiting);
    expect(entries.every((e) => e.value.n === 2 && !e.stale)).toBe(true);
    expect(cache.runs).toBe(2);
  });

  it("that wait is bounded by the deadline: a hanging round after a long idle answers the failure value", async () => {
    let n = 0;
    const { cache, advance } = setup({
      run: () => {
        n++;
        return n === 1 ? Promise.resolve({ n }) : new Promise<V>(() => {}); // hangs, deaf to the signal
      },
      deadlineMs: 50,
    });
    await cache.get();
    advance(3_600_000);
    const t0 = performance.now();
    const e = await cache.get();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.value).toMatchObject({ n: -1, reason: "timeout", outage: true });
    expect(e.lastRefreshFailed).toBeUndefined();
  });

  it("refresh({ changed }) answers from a round that began after the change, even with one in flight", async () => {
    const gates = [deferred<void>(), deferred<void>()];
    let config = "old key";
    const seen: string[] = [];
    let n = 0;
    const { cache, advance } = setup({
      run: async () => {
        const i = n++;
        const read = config; // the round reads the configuration when it starts
        if (gates[i - 1]) await gates[i - 1].promise;
        seen.push(read);
        return { n: i + 1, reason: read };
      },
    });
    await cache.get();
    advance(61_000);
    void cache.get(); // background round 2 starts, reading the old configuration
    expect(cache.runs).toBe(2);
    config = "new key"; // the rotation rewrites the env file
    advance(1000);
    const plain = cache.refresh(); // the re-check button would share round 2…
    const changed = cache.refresh({ changed: true }); // …the rotation must not
    gates[0].resolve();
    expect((await plain).value.reason).toBe("old key");
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.runs).toBe(3);
    gates[1].resolve();
    const e = await changed;
    expect(e.value).toMatchObject({ n: 3, reason: "new key" });
    expect(seen).toEqual(["old key", "old key", "new key"]);
    // within the force interval, and nothing in flight: changed still runs (it is not the public button)
    advance(100);
    expect((await cache.refresh({ changed: true })).value.n).toBe(4);
    expect((await cache.refresh()).value.n).toBe(4);
  });
});
