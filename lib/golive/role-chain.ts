import "server-only";
import { resolveDefaultChain } from "@/lib/aws";
import type { SesameConfig } from "@/lib/config";
import type { WizardState } from "@/lib/setup/state";

export type ChainResult = Awaited<ReturnType<typeof resolveDefaultChain>>;

/** Credentials are used until this long before their Expiration: more than any request's calls take. */
export const CHAIN_EXPIRY_MARGIN_MS = 60_000;
/** How long credentials without an Expiration (a long-term key found by the chain) are reused. */
export const CHAIN_TTL_WITHOUT_EXPIRATION_MS = 5 * 60_000;

export interface ChainCache {
  /**
   * The chain's credentials, resolved at most once while they are fresh. `choice`: the wizard's role choice
   * (roleChoiceKey); a request with another choice than the cached credentials were resolved for resolves again.
   */
  get(timeoutMs: number, choice?: string): Promise<ChainResult>;
  /** Drops the cached credentials (and any resolution under way is not kept). */
  forget(): void;
}

/**
 * The chain's credentials cached in memory only, per process (docs/wizard.md, "No stored keys: a role"): reused until
 * shortly before their Expiration (or for 5 minutes when they have none), dropped when a resolution fails or the
 * wizard's role choice changes. Never written anywhere. `resolve` and `now` are injected for tests.
 */
export function createChainCache(opts: {
  resolve: (timeoutMs: number) => Promise<ChainResult>;
  now?: () => number;
}): ChainCache {
  const now = opts.now ?? Date.now;
  let entry: { result: Extract<ChainResult, { ok: true }>; choice?: string; until: number } | undefined;
  let pending: { promise: Promise<ChainResult>; choice?: string } | undefined;
  let generation = 0;

  const forget = () => {
    entry = undefined;
    pending = undefined;
    generation++;
  };
  const copy = (r: ChainResult): ChainResult => (r.ok ? { ...r, creds: { ...r.creds } } : r);

  async function resolveNow(timeoutMs: number, choice?: string): Promise<ChainResult> {
    const mine = generation;
    const result: ChainResult = await opts.resolve(timeoutMs).catch((err: Error) => ({
      ok: false as const,
      error: String(err?.message ?? err).split("\n")[0],
    }));
    if (mine !== generation) return result;
    pending = undefined;
    if (!result.ok) {
      entry = undefined;
      return result;
    }
    const at = now();
    const until = result.expiration
      ? result.expiration.getTime() - CHAIN_EXPIRY_MARGIN_MS
      : at + CHAIN_TTL_WITHOUT_EXPIRATION_MS;
    entry = until > at ? { result, choice, until } : undefined;
    return result;
  }

  return {
    async get(timeoutMs, choice) {
      // another role choice than the one the credentials were resolved for: they may not be the role's any more
      const changed = (held?: string) => choice !== undefined && held !== choice;
      if (entry && changed(entry.choice)) forget();
      if (pending && changed(pending.choice)) forget();
      if (entry && now() < entry.until) return copy(entry.result);
      entry = undefined;
      if (!pending) {
        const promise = resolveNow(timeoutMs, choice);
        pending = { promise, choice };
      }
      return copy(await pending.promise);
    },
    forget,
  };
}

const shared = createChainCache({ resolve: resolveDefaultChain });

/**
 * The wizard's credentials on the role path (docs/wizard.md, "No stored keys: a role"): what the AWS SDK's default
 * chain gives Sesame's own process — the instance role, ECS task role or IRSA of the host it runs on — resolved with a
 * deadline and cached in this process's memory (createChainCache). Only the role path, health and the doctor with no
 * key configured ask; the door itself never signs from the chain.
 */
export function chainCredentials(timeoutMs: number, choice?: string): Promise<ChainResult> {
  return shared.get(timeoutMs, choice);
}

/** Forget the process's cached chain credentials (tests; a caller that knows they went stale). */
export function forgetChainCredentials(): void {
  shared.forget();
}

/**
 * The wizard's role choice as the cache compares it: host, role name and when it was chosen (choosing another role,
 * or the role path again after a key, records a new time; attaching the policy to the same role keeps it).
 */
export function roleChoiceKey(iam: WizardState["iam"]): string | undefined {
  return iam?.mode === "role" ? `${iam.host}|${iam.roleName ?? ""}|${iam.at}` : undefined;
}

const DEMO_ROLE_PATH = /\/_emulator\/container-credentials\/([\w+=,.@-]{1,64})$/;

/**
 * Demo only: the stand-in role whose credentials the demo start hands Sesame's process (AWS_CONTAINER_CREDENTIALS_FULL_URI
 * points at the stand-in's container endpoint for it), offered as the role to attach the policy to.
 */
export function demoRoleName(
  config: SesameConfig,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  if (!config.demo) return undefined;
  const uri = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (!uri) return undefined;
  try {
    return DEMO_ROLE_PATH.exec(new URL(uri).pathname)?.[1];
  } catch {
    return undefined;
  }
}
