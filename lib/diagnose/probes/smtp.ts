import { smtpHost } from "@/lib/regions";
import { probeSmtp } from "@/lib/smtp/probe";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { cleanValue } from "../forensics";
import { targetInfo } from "../target-info";
import type { Probe } from "../types";

/**
 * Logs in to SES SMTP the way an SMTP platform will: with its configured password, or with the password derived
 * from the secret for the region. Runs for SMTP targets, or whenever an SMTP password was given.
 */
export const smtpProbe: Probe = {
  id: "smtp",
  label: "SMTP login",
  needs: ["input"],
  when: (ctx, f) => {
    const wanted = targetInfo(ctx.input.target).mode === "smtp" || !!ctx.input.smtpPassword;
    const user = f.creds?.accessKeyId ?? ctx.input.accessKeyId;
    return wanted && !!user && (!!ctx.input.smtpPassword || !!f.creds) && (!!f.region || !!ctx.input.smtpHost);
  },
  async run(ctx, facts) {
    const region = facts.region;
    const host = ctx.input.smtpHost?.trim() || smtpHost(region as string);
    const user = facts.creds?.accessKeyId ?? cleanValue(ctx.input.accessKeyId ?? "").value;
    const secret = facts.creds?.secretAccessKey;
    const password = ctx.input.smtpPassword ?? (await deriveSmtpPassword(secret as string, region as string));
    const r = await probeSmtp({
      host,
      port: ctx.input.smtpPort ?? 587,
      user,
      password,
      ...(region ? { region } : {}),
      timeoutMs: ctx.input.timeoutMs,
      ...(ctx.input.smtpCa ? { ca: ctx.input.smtpCa } : {}),
      hints: { ...(secret ? { secretAccessKey: secret } : {}) },
    });
    return { findings: r.findings };
  },
};
