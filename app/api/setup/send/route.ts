import { NextResponse } from "next/server";
import { z } from "zod";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { Finding } from "@/lib/diagnose/schema";
import { readyContext } from "@/lib/setup/context";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { readBody, setupRoute } from "@/lib/setup/http";
import { EmailSchema, sendViaApi, sendViaSmtp, smtpWhere } from "@/lib/setup/send";
import { updateState } from "@/lib/setup/state";
import { testSendConfigurationSet } from "@/lib/events/send-path";

const Body = z.object({
  via: z.enum(["api", "smtp"]),
  from: EmailSchema,
  to: EmailSchema,
});

/** Findings worth showing next to a failed send: why SES refused it and where the fix is. */
const RELEVANT = /^(events\.|account\.|region\.|identity\.|permissions\.|credentials\.|clock\.|smtp\.|endpoint\.)/;

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, Body);
  const ctx = await readyContext(sid);
  const smtp = smtpWhere(ctx.where.region, ctx.config.smtpEndpoint, ctx.config.smtpCaFile);
  // once the Events step has built (or recorded) the loop, the test send takes the platform's own path through its
  // configuration set (docs/events.md)
  const configurationSet = await testSendConfigurationSet(ctx.target.id, ctx.state.events, ctx.config.envFile);
  const outcome =
    body.via === "api"
      ? await sendViaApi({
          creds: ctx.secrets,
          where: ctx.where,
          target: ctx.target,
          from: body.from,
          to: body.to,
          configurationSet,
        })
      : await sendViaSmtp({
          creds: ctx.secrets,
          region: ctx.where.region,
          smtp,
          timeoutMs: ctx.config.timeoutMs,
          from: body.from,
          to: body.to,
          configurationSet,
        });
  await updateState((s) => {
    s.sends = [
      ...s.sends.slice(-9),
      {
        via: body.via,
        from: body.from,
        to: body.to,
        ok: outcome.ok,
        messageId: outcome.messageId,
        error: outcome.ok ? undefined : `${outcome.code}: ${outcome.message}`.slice(0, 500),
        at: new Date().toISOString(),
      },
    ];
    return s;
  });
  let findings: Finding[] = [];
  if (!outcome.ok) {
    // Ask the engine why: sandbox, sender verified only in another region, missing permission, console SMTP user …
    const report = await runDiagnosis({
      target: ctx.target.id,
      region: ctx.where.region,
      accessKeyId: ctx.secrets.accessKeyId,
      secretAccessKey: ctx.secrets.secretAccessKey,
      sessionToken: ctx.secrets.sessionToken,
      endpoint: ctx.where.endpoint,
      domain: body.from.split("@")[1],
      from: body.from,
      to: body.to,
      dnsServer: ctx.config.dnsServer,
      // the engine's SMTP probe then logs in exactly as this send did (password derived on the server, never returned)
      ...(body.via === "smtp"
        ? {
            smtpHost: smtp.host,
            smtpPort: smtp.port,
            smtpCa: smtp.ca,
            smtpPassword: deriveSmtpPassword(ctx.secrets.secretAccessKey, ctx.where.region),
          }
        : {}),
      timeoutMs: ctx.config.timeoutMs,
      readOnly: true,
    }).catch(() => null);
    findings = (report?.findings ?? []).filter(
      (f) => (f.severity === "error" || f.severity === "warn") && RELEVANT.test(f.code),
    );
  }
  return NextResponse.json(
    { ...outcome, findings, ...(configurationSet ? { configurationSet } : {}) },
    { status: outcome.ok ? 200 : 422 },
  );
});
