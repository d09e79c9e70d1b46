import "server-only";
import type { DiagnoseInputRaw } from "@/lib/diagnose/schema";
import type { TargetId } from "@/lib/findings/model";
import { chainCredentials } from "./role-chain";
import { ROLE_TARGETS } from "./role-path";

/**
 * Whether health and the doctor check the AWS default credential chain (docs/health.md, "No key: the default
 * chain"): only when the configuration holds no key — a key in the env wins, as in the SDK's own chain order — and
 * then always for a platform that may run on the chain (useSend, AWS SDK apps: after a role walk the demo's env file
 * has no key either), and outside the demo for every platform (so Plunk and SMTP apps are told they cannot).
 */
export function usesDefaultChain(
  input: Pick<DiagnoseInputRaw, "accessKeyId" | "secretAccessKey">,
  target: TargetId,
  env: Record<string, string | undefined>,
): boolean {
  if (input.accessKeyId || input.secretAccessKey) return false;
  return ROLE_TARGETS.has(target) || env.SESAME_DEMO === "0";
}

/**
 * When the platform's configuration holds no key, Sesame checks what the chain gives (like the platform would):
 * the credentials go into the input, or the reason it gave none. Resolved through the process's cache (role-chain.ts).
 */
export async function withChainCredentials(input: DiagnoseInputRaw, timeoutMs: number): Promise<DiagnoseInputRaw> {
  const r = await chainCredentials(timeoutMs);
  if (!r.ok) return { ...input, credentialSource: "chain", chainError: r.error };
  return { ...input, ...r.creds, credentialSource: "chain" };
}
