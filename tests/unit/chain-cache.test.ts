import { describe, expect, it } from "vitest";
import {
  CHAIN_EXPIRY_MARGIN_MS,
  CHAIN_TTL_WITHOUT_EXPIRATION_MS,
  type ChainResult,
  createChainCache,
  roleChoiceKey,
} from "@/lib/golive/role-chain";

/**
 * The role path's cache of the default chain's credentials (lib/golive/role-chain.ts, docs/wizard.md "No stored
 * keys: a role"): kept until shortly before their Expiration (5 minutes without one), dropped on a failed resolution
 * and on another role choice. The resolver and the clock are injected; each resolution gives a new session.
 */

const MIN = 60_000;

function world(expiresInMs?: number) {
  let t = Date.parse("2026-12-01T06:00:00Z");
  let n = 0;
  let fail = false;
  const calls: number[] = [];
  const resolve = async (timeoutMs: number): Promise<ChainResult> => {
    calls.push(timeoutMs);
    if (fail) return { ok: false, error: "connect ECONNREFUSED 127.0.0.1:1" };
    n++;
    return {
      ok: true,
      creds: { accessKeyId: `ASIASESSION${n}`, secretAccessKey: `secret-${n}`, sessionToken: `token-${n}` },
      ...(expiresInMs === undefined ? {} : { expiration: new Date(t + expiresInMs) }),
    };
  };
  const cache = createChainCache({ resolve, now: () => t });
  return {
    cache,
    calls,
    advance: (ms: number) => {
      t += ms;
    },
    setFail: (f: boolean) => {
      fail = f;
    },
  };
}

const idOf = (r: ChainResult) => (r.ok ? r.creds.accessKeyId : `failed: ${r.error}`);

describe("chain credentials cache", () => {
  it("reuses a role session until shortly before its Expiration, then resolves a new one", async () => {
    const w = world(60 * MIN);
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION1");
    w.advance(30 * MIN);
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION1");
    w.advance(30 * MIN - CHAIN_EXPIRY_MARGIN_MS - 1);
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION1");
    w.advance(1);
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION2");
    expect(w.calls).toEqual([4000, 4000]);
  });

  it("credentials without an Expiration are kept 5 minutes", async () => {
    const w = world();
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION1");
    w.advance(CHAIN_TTL_WITHOUT_EXPIRATION_MS - 1);
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION1");
    w.advance(1);
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION2");
  });

  it("credentials about to expire are not kept at all", async () => {
    const w = world(CHAIN_EXPIRY_MARGIN_MS);
    await w.cache.get(4000);
    await w.cache.get(4000);
    expect(w.calls).toHaveLength(2);
  });

  it("a failed resolution drops the cache: the next request asks the chain again", async () => {
    const w = world(60 * MIN);
    await w.cache.get(4000);
    w.advance(60 * MIN);
    w.setFail(true);
    expect(idOf(await w.cache.get(4000))).toBe("failed: connect ECONNREFUSED 127.0.0.1:1");
    // nothing was kept from before the failure, and the failure itself is not kept
    expect(idOf(await w.cache.get(4000))).toMatch(/^failed/);
    w.setFail(false);
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION2");
    expect(w.calls).toHaveLength(4);
  });

  it("a resolver that throws is a failed resolution, not a stuck cache", async () => {
    let n = 0;
    const cache = createChainCache({
      resolve: async () => {
        n++;
        if (n === 1) throw new Error("socket hang up\nstack");
        return { ok: true, creds: { accessKeyId: "ASIAAFTER", secretAccessKey: "s" } };
      },
    });
    expect(await cache.get(1000)).toEqual({ ok: false, error: "socket hang up" });
    expect(idOf(await cache.get(1000))).toBe("ASIAAFTER");
  });

  it("another role choice drops the cache; the same choice and health's requests (no choice) reuse it", async () => {
    const w = world(60 * MIN);
    expect(idOf(await w.cache.get(4000, "ecs|role-a|t1"))).toBe("ASIASESSION1");
    expect(idOf(await w.cache.get(4000, "ecs|role-a|t1"))).toBe("ASIASESSION1");
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION1");
    expect(idOf(await w.cache.get(4000, "ecs|role-b|t2"))).toBe("ASIASESSION2");
    expect(idOf(await w.cache.get(4000, "ecs|role-b|t2"))).toBe("ASIASESSION2");
    // back to the first role: a new choice again
    expect(idOf(await w.cache.get(4000, "ecs|role-a|t3"))).toBe("ASIASESSION3");
  });

  it("concurrent requests share one resolution; forget() drops it", async () => {
    const w = world(60 * MIN);
    const [a, b] = await Promise.all([w.cache.get(4000), w.cache.get(4000)]);
    expect([idOf(a), idOf(b)]).toEqual(["ASIASESSION1", "ASIASESSION1"]);
    expect(w.calls).toHaveLength(1);
    w.cache.forget();
    expect(idOf(await w.cache.get(4000))).toBe("ASIASESSION2");
  });

  it("callers get copies: changing one does not change the cached credentials", async () => {
    const w = world(60 * MIN);
    const a = await w.cache.get(4000);
    if (a.ok) a.creds.secretAccessKey = "changed";
    const b = await w.cache.get(4000);
    expect(b.ok && b.creds.secretAccessKey).toBe("secret-1");
  });

  it("the role choice key: host, role and when it was chosen; none off the role path", () => {
    const at = "2026-12-01T06:00:00.000Z";
    expect(roleChoiceKey({ mode: "role", host: "ecs", roleName: "r", policyName: "p", at })).toBe(`ecs|r|${at}`);
    expect(roleChoiceKey(undefined)).toBeUndefined();
  });
});
