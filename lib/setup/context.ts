import "server-only";
import { readConfig, type SesameConfig } from "@/lib/config";
import { getTarget, type TargetPreset } from "@/lib/env/targets";
import type { AwsWhere } from "@/lib/aws";
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

/** For routes that need a chosen target and the platform key in this session. */
export async function readyContext(sid: string) {
  const ctx = await wizardContext(sid);
  if (!ctx.target || !ctx.where) throw new SetupError(409, "Choose the target platform and region first (step 1).");
  if (!ctx.secrets)
    throw new SetupError(
      409,
      "The platform's access key is not in this session (the server restarted or this is another browser). Enter it again in step 2.",
    );
  return { ...ctx, target: ctx.target, where: ctx.where, secrets: ctx.secrets };
}
