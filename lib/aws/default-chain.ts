import "server-only";
import { loadSdk } from "./services";

/**
 * The AWS SDK's default credential chain, resolved once with a deadline: environment, shared files, web identity
 * (IRSA), the ECS container endpoint, EC2 instance metadata — what useSend and AWS SDK apps use when no key is
 * configured (docs/health.md). The door signs with what it returns; it never signs from the chain by itself.
 */
export async function resolveDefaultChain(timeoutMs: number): Promise<
  | {
      ok: true;
      creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
      /** when temporary credentials (a role's) stop working; absent for a long-term key */
      expiration?: Date;
    }
  | { ok: false; error: string }
> {
  const sdk = await loadSdk("sts");
  // a client built without credentials carries the SDK's default provider chain; only its resolver is used
  const client = new sdk.STSClient({ region: "us-east-1" });
  let timer: NodeJS.Timeout | undefined;
  try {
    const creds = await Promise.race([
      client.config.credentials(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return {
      ok: true,
      creds: {
        accessKeyId: creds.accessKeyId,
        secretAccessKey: creds.secretAccessKey,
        ...(creds.sessionToken ? { sessionToken: creds.sessionToken } : {}),
      },
      ...(creds.expiration ? { expiration: creds.expiration } : {}),
    };
  } catch (err) {
    return { ok: false, error: (err as Error).message.split("\n")[0].slice(0, 300) };
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}
