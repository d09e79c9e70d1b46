import "server-only";
import { resolveDefaultChain } from "@/lib/aws";
import type { SesameConfig } from "@/lib/config";

/**
 * The wizard's credentials on the role path (docs/wizard.md, "No stored keys: a role"): what the AWS SDK's default
 * chain gives Sesame's own process — the instance role, ECS task role or IRSA of the host it runs on — resolved with a
 * deadline for one request. Only routes of the role path ask; the door itself never signs from the chain.
 */
export function chainCredentials(timeoutMs: number) {
  return resolveDefaultChain(timeoutMs);
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
