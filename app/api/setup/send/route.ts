import { NextResponse } from "next/server";
import { materializeRaw } from "@/lib/findings/materialize";
import { runDiagnosis } from "@/lib/diagnose/run";
import { sendFailureFinding } from "@/lib/diagnose/send-failure";
import type { Finding } from "@/lib/diagnose/schema";
import { readyContext } from "@/lib/setup/context";
import { SendRequestSchema, type SendResponse } from "@/lib/setup/contract";
import { diagnoseInputFor } from "@/lib/setup/diagnose-input";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { sendViaApi, sendViaSmtp, smtpWhere } from "@/lib/setup/send";
import { provedBy } from "@/lib/setup/progress";
import { updateState } from "@/lib/setup/state";
import { testSendConfigurationSet } from "@/lib/events/send-path";

/** Findings worth showing next to a failed send: why SES refused it and where the fix is. */
const RELEVANT = /^(events\.|account\.|region\.|identity\.|permissions\.|credentials\.|clock\.|smtp\.|endpoint\.)/;

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, SendRequestSchema);
  const ctx = await readyContext(sid);
  if (body.via === "smtp" && ctx.credentialSource === "chain")
    throw new SetupError(
      409,
      "On the role path the platform sends through the SES API: a role gives temporary credentials, and SES SMTP passwords are derived from a long-term key only. Send through the API.",
    );
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
        proved: provedBy(ctx.state),
      },
    ];
    return s;
  });
  let findings: Finding[] = [];
  if (!outcome.ok) {
    // Ask the engine why: sandbox, sender verified only in another region, missing permission, console SMTP user …
    const report = await diagnoseInputFor(ctx, body)
      .then((input) => runDiagnosis(input))
      .catch(() => null);
    // SES's own answer first, classified by the catalogue (throttling, the sender, the recipient …), then the causes
    const sesAnswer = materializeRaw(
      sendFailureFinding({
        via: body.via === "smtp" ? "SMTP" : "API",
        code: outcome.code,
        message: outcome.message ?? "",
        from: body.from,
        to: body.to,
        region: ctx.where.region,
      }),
    );
    findings = [
      sesAnswer,
      ...(report?.findings ?? []).filter(
        (f) => (f.severity === "error" || f.severity === "warn") && RELEVANT.test(f.code),
      ),
    ];
  }
  const answer: SendResponse = { ...outcome, findings, ...(configurationSet ? { configurationSet } : {}) };
  return NextResponse.json(
    outcome.ok ? answer : { ...answer, error: outcome.message ?? outcome.code ?? "SES refused the send." },
    { status: outcome.ok ? 200 : 422 },
  );
});
