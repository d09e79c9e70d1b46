/**
 * The demo's role path (docs/wizard.md, "No stored keys: a role"): Sesame's own process gets the stand-in role's
 * credentials the way a container on ECS gets its task role's — AWS_CONTAINER_CREDENTIALS_FULL_URI, read by the real
 * AWS SDK default chain. Set by the demo start and the e2e server only; never outside demo mode. Only the wizard's
 * role path (and health/doctor with no key configured) asks the chain: the AWS door signs with explicit credentials.
 */
export const DEMO_PLATFORM_ROLE = "sesame-demo-platform-role";

/**
 * The chain's earlier and later links are shut in the demo, so it finds exactly the stand-in role: no shared
 * credentials or config file (a developer's ~/.aws would otherwise come first, and its keys mean nothing to the
 * stand-in), no key in the environment (the chain's first link) and no instance metadata (no waiting for
 * 169.254.169.254 when the endpoint refuses). A real key never meets the stand-in.
 */
export function demoRoleEnv(emulatorUrl: string, role = DEMO_PLATFORM_ROLE): Record<string, string> {
  return {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: new URL(`/_emulator/container-credentials/${role}`, emulatorUrl).href,
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "",
    AWS_SECRET_ACCESS_KEY: "",
    AWS_SESSION_TOKEN: "",
    AWS_PROFILE: "",
  };
}
