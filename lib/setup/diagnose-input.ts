import "server-only";
import type { DiagnoseInputRaw } from "@/lib/diagnose/schema";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import type { EmptyChainContext, readyContext } from "./context";
import type { Via } from "./contract";
import { smtpWhere } from "./send";

export type ReadyContext = Awaited<ReturnType<typeof readyContext>>;

/**
 * The one mapping from the wizard's context to what the diagnosis engine checks (the credential check and the "why"
 * behind a refused test send both use it). A send names its sender, recipient and channel: the domain is then the
 * sender's, and an SMTP send makes the engine log in exactly as the send did (password derived here, never returned).
 * On the role path the credentials are the default chain's (credentialSource "chain"), so the engine runs the
 * credential-chain probe as health and the doctor do, and an empty chain is its finding, not a missing key.
 */
export async function diagnoseInputFor(
  ctx: ReadyContext | EmptyChainContext,
  send?: { via: Via; from: string; to: string },
): Promise<DiagnoseInputRaw> {
  const smtp = smtpWhere(ctx.where.region, ctx.config.smtpEndpoint, ctx.config.smtpCaFile);
  const viaSmtp = (send?.via ?? ctx.target.mode) === "smtp";
  const domain = send ? send.from.split("@")[1] : ctx.state.domain?.name;
  // the MAIL FROM domain the Domain step set, so its MX/SPF are looked up even when the key may not read it from SES
  const mailFromDomain = domain && ctx.state.domain?.name === domain ? ctx.state.domain.mailFrom : undefined;
  return {
    target: ctx.target.id,
    region: ctx.where.region,
    accessKeyId: ctx.secrets?.accessKeyId,
    secretAccessKey: ctx.secrets?.secretAccessKey,
    sessionToken: ctx.secrets?.sessionToken,
    credentialSource: ctx.credentialSource,
    ...(ctx.secrets ? {} : { chainError: ctx.chainError }),
    endpoint: ctx.where.endpoint,
    endpoints: ctx.where.endpoints,
    domain,
    ...(mailFromDomain ? { mailFromDomain } : {}),
    from: send?.from,
    to: send?.to,
    dnsServer: ctx.config.dnsServer,
    smtpCa: smtp.ca,
    ...(viaSmtp ? { smtpHost: smtp.host, smtpPort: smtp.port } : {}),
    ...(send?.via === "smtp" && ctx.secrets
      ? { smtpPassword: await deriveSmtpPassword(ctx.secrets.secretAccessKey, ctx.where.region) }
      : {}),
    timeoutMs: ctx.config.timeoutMs,
    readOnly: true,
  };
}
