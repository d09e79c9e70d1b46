import "server-only";
import { readConfig, type SesameConfig } from "@/lib/config";
import { getTarget, type TargetPreset } from "@/lib/env/targets";
import type { AwsWhere } from "@/lib/aws";
import { chainCredentials, roleChoiceKey } from "@/lib/golive/role-chain";
import { materializeRaw } from "@/lib/findings/materialize";
import { SetupError } from "./http";
import { getSecrets, type SessionSecrets } from "./secrets";
import { loadState, type WizardState } from "./state";

export interface WizardContext {
  config: SesameConfig;
  state: WizardState;
  secrets?: SessionSecrets;
  target?: TargetPreset;
  where?: AwsWhere;
}

export async function wizardContext(sid: string | null): Promise<WizardContext> {
  const config = readConfig();
  const state = await loadState();
  const secrets = sid ? getSecrets(sid) : undefined;
  const target = state.target ? getTarget(state.target) : undefined;
  const where = state.region ? awsWhere(config, state.region, state.endpoint) : undefined;
  return { config, state, secrets, target, where };
}

/**
 * Where the wizard's AWS calls go: the endpoint chosen in step 1 or AWS_ENDPOINT_URL for every service, the
 * per-service variables (AWS_ENDPOINT_URL_SES / _IAM / _STS …) over both, as the AWS SDKs and the doctor do.
 */
export function awsWhere(config: SesameConfig, region: string, stateEndpoint?: string): AwsWhere {
  return {
    region,
    endpoint: stateEndpoint ?? config.endpoint,
    endpoints: config.endpoints,
    timeoutMs: config.timeoutMs,
  };
}

/** The role path was chosen in step 2: no key is held; the wizard signs with the chain Sesame itself runs with. */
export const onRolePath = (state: WizardState) => state.iam?.mode === "role";

/**
 * Whether the wizard's later steps have credentials to work with in this session: the platform key in memory, or the
 * role path (whose credentials come from the default chain at each call). The step rail and the pages ask this.
 */
export function hasPlatformCredentials(state: WizardState, sid: string): boolean {
  return onRolePath(state) || !!getSecrets(sid);
}

interface Ready extends WizardContext {
  target: TargetPreset;
  where: AwsWhere;
  /** what the wizard signs with: the session's key, or the default chain's credentials (role path) */
  secrets: SessionSecrets;
  /** "chain" on the role path: the diagnosis then runs the credential-chain probe, as health and the doctor do */
  credentialSource: "static" | "chain";
}

/** The role path with a chain that gave nothing: only the credential check runs, to show why. */
export interface EmptyChainContext extends Omit<Ready, "secrets"> {
  secrets?: undefined;
  credentialSource: "chain";
  chainError: string;
}

const NO_KEY =
  "The platform's access key is not in this session (the server restarted or this is another browser). Enter it again in step 2.";

async function chosen(sid: string) {
  const ctx = await wizardContext(sid);
  if (!ctx.target || !ctx.where) throw new SetupError(409, "Choose the target platform and region first (step 1).");
  return { ...ctx, target: ctx.target, where: ctx.where };
}

async function readyOrEmptyChain(sid: string): Promise<Ready | EmptyChainContext> {
  const base = await chosen(sid);
  const ctx = base;
  if (onRolePath(ctx.state)) {
    // resolved with a deadline and cached in memory only until shortly before they expire (or the role choice
    // changes): never on disk, never sent back
    const chain = await chainCredentials(ctx.config.timeoutMs, roleChoiceKey(ctx.state.iam));
    if (!chain.ok) return { ...base, secrets: undefined, credentialSource: "chain", chainError: chain.error };
    return { ...base, secrets: chain.creds, credentialSource: "chain" };
  }
  if (!ctx.secrets) throw new SetupError(409, NO_KEY);
  return { ...base, secrets: ctx.secrets, credentialSource: "static" };
}

/**
 * For routes that need a chosen target and credentials: the platform key in this session, or on the role path the
 * default chain's credentials. An empty chain is refused with the catalogue's credentials.chain-empty finding.
 */
export async function readyContext(sid: string): Promise<Ready> {
  const ctx = await readyOrEmptyChain(sid);
  if (ctx.secrets) return ctx;
  const finding = materializeRaw({
    code: "credentials.chain-empty",
    evidence: { target: ctx.target.label, error: ctx.chainError },
  });
  throw new SetupError(409, `${finding.title}. ${finding.fix}`, { finding });
}

/** The credential check's context: an empty chain is not refused, the check reports it (credentials.chain-empty). */
export const checkContext = readyOrEmptyChain;

/**
 * The env step's context: the session's key to write, or on the role path none (`secrets` absent) — the env file then
 * gets no key variables, and writing it needs no AWS call, so the chain is not asked.
 */
export async function envContext(sid: string) {
  const ctx = await chosen(sid);
  if (onRolePath(ctx.state)) return { ...ctx, secrets: undefined };
  if (!ctx.secrets) throw new SetupError(409, NO_KEY);
  return { ...ctx, secrets: ctx.secrets };
}
