import "server-only";
import { resolveDefaultChain } from "@/lib/aws";
import type { DiagnoseInputRaw } from "@/lib/diagnose/schema";

/**
 * When the platform's configuration holds no key, Sesame checks what the chain gives (like the platform would):
 * the credentials go into the input, or the reason it gave none.
 */
export async function withChainCredentials(input: DiagnoseInputRaw, timeoutMs: number): Promise<DiagnoseInputRaw> {
  const r = await resolveDefaultChain(timeoutMs);
  if (!r.ok) return { ...input, credentialSource: "chain", chainError: r.error };
  return { ...input, ...r.creds, credentialSource: "chain" };
}
