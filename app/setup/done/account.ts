import "server-only";
import type { SesameConfig } from "@/lib/config";
import { readAccount } from "@/lib/golive/production-access";
import { chainCredentials, roleChoiceKey } from "@/lib/golive/role-chain";
import { onRolePath } from "@/lib/setup/context";
import { getSecrets } from "@/lib/setup/secrets";
import type { WizardState } from "@/lib/setup/state";

/**
 * The Done page's read of the region's sandbox and a filed request's review (SESv2 GetAccount, docs/wizard.md): with
 * the platform key of this session, or on the role path with the default chain's credentials (the wizard's cached
 * ones, role-chain.ts). Both under one short deadline; nothing known (no credentials, no answer, no permission) is {}.
 */
export async function readDoneAccount(
  state: WizardState,
  sid: string,
  config: SesameConfig,
): Promise<Awaited<ReturnType<typeof readAccount>>> {
  if (!state.region) return {};
  const timeoutMs = Math.min(config.timeoutMs, 4000);
  let creds = getSecrets(sid);
  if (onRolePath(state)) {
    const chain = await chainCredentials(timeoutMs, roleChoiceKey(state.iam));
    creds = chain.ok ? chain.creds : undefined;
  }
  if (!creds) return {};
  return readAccount(creds, { region: state.region, endpoint: state.endpoint ?? config.endpoint, timeoutMs });
}
