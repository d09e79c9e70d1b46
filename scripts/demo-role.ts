/**
 * The demo's role path (docs/wizard.md, "No stored keys: a role"): Sesame's own process gets the stand-in role's
 * credentials the way a container on ECS gets its task role's — AWS_CONTAINER_CREDENTIALS_FULL_URI, read by the real
 * AWS SDK default chain. Set by the demo start and the e2e server only; never outside demo mode. Only the wizard's
 * role path (and health/doctor with no key configured) asks the chain: the AWS door signs with explicit credentials.
 */
export const DEMO_PLATFORM_ROLE = "sesame-demo-platform-role";

export function demoRoleEnv(emulatorUrl: string, role = DEMO_PLATFORM_ROLE): Record<string, string> {
  return {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: new URL(`/_emulator/container-credentials/${role}`, emulatorUrl).href,
  };
}
