import { NextResponse } from "next/server";
import { EnvConflictError, readEnvFile, writeEnvFile } from "@/lib/env/write";
import { checkLoop } from "@/lib/events/check";
import { failureBody } from "@/lib/aws";
import { sendFailureFinding } from "@/lib/diagnose/send-failure";
import { createLoop } from "@/lib/events/create";
import { demoReceived } from "@/lib/events/demo-receiver";
import { testSendConfigurationSet } from "@/lib/events/send-path";
import { eventNeeds } from "@/lib/events/needs";
import { DESTINATION_NAME, type EventPlan, eventEnvVars, proposedSets } from "@/lib/events/plan";
import { checkWebhookUrl, WEBHOOK_PROBLEM_TEXT } from "@/lib/events/webhook-url";
import { readyContext, wizardContext } from "@/lib/setup/context";
import { EventsRequestSchema } from "@/lib/setup/contract";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { sendViaApi } from "@/lib/setup/send";
import { updateState } from "@/lib/setup/state";

/**
 * The Events step (docs/events.md): GET reports the loop as the platform's own key sees it (polled until the
 * subscription is Confirmed); POST builds it with set-up credentials used once, records a loop built by hand, records
 * that useSend builds its own, or records a stated skip. The platform's variables go through the env writer.
 */

const BOUNCE_SIMULATOR = "bounce@simulator.amazonses.com";

function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const h = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
    return h === "localhost" || h === "::1" || h.startsWith("127.");
  } catch {
    return false;
  }
}

/** A URL AWS can never reach is refused before anything is created; the demo's stand-in delivers on loopback. */
function validatedWebhook(raw: string, needsHttps: boolean, localStandIn: boolean): { url: string; warning?: string } {
  const v = checkWebhookUrl(raw, { needsHttps });
  if (v.problem === "invalid" || v.problem === "scheme" || v.problem === "credentials" || v.problem === "fragment")
    throw new SetupError(400, `The webhook URL ${WEBHOOK_PROBLEM_TEXT[v.problem]}.`, { field: "webhookUrl" });
  if (!v.reachable && v.problem && !localStandIn)
    throw new SetupError(
      400,
      `The webhook URL ${WEBHOOK_PROBLEM_TEXT[v.problem]}. Use the platform's public URL (the subscription would stay PendingConfirmation).`,
      { field: "webhookUrl" },
    );
  return {
    url: new URL(raw.trim()).toString(),
    ...(v.plainHttp && !localStandIn
      ? { warning: `The URL ${WEBHOOK_PROBLEM_TEXT["plain-http"]}; events will travel unencrypted.` }
      : {}),
  };
}

async function writeVars(file: string, build: (current: Record<string, string>) => Record<string, string>) {
  const current = await readEnvFile(file);
  const vars = build(current.vars);
  try {
    await writeEnvFile(file, vars, { expectedHash: current.hash });
  } catch (err) {
    if (err instanceof EnvConflictError)
      throw new SetupError(409, `${err.message}. The loop exists; press the button again to write the variables.`);
    if ((err as NodeJS.ErrnoException).code === "EACCES")
      throw new SetupError(
        422,
        `Sesame may not write ${file}; set these variables by hand: ${Object.keys(vars).join(", ")}.`,
      );
    throw err;
  }
  return vars;
}

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, EventsRequestSchema);
  const at = new Date().toISOString();
  if (body.action === "skip") {
    // skipping needs no key: only the chosen target and region
    const w = await wizardContext(sid);
    if (!w.target || !w.where) throw new SetupError(409, "Choose the target platform and region first (step 1).");
    const region = w.where.region;
    await updateState((s) => {
      s.events = { mode: "skipped", region, sets: [], status: "skipped", envWritten: [], at };
      return s;
    });
    return NextResponse.json({ ok: true, skipped: true, tradeoff: eventNeeds(w.target.id).skipTradeoff ?? null });
  }
  const ctx = await readyContext(sid);
  const target = ctx.target.id;
  const needs = eventNeeds(target);
  const region = ctx.where.region;
  if (!needs.uses) throw new SetupError(409, `${ctx.target.label} has no event webhook; skip this step.`);
  if (body.action === "bounce") {
    // a send to the mailbox simulator's bounce address through the platform's set: SES publishes a Bounce event
    const set = await testSendConfigurationSet(target, ctx.state.events, ctx.config.envFile);
    if (!set) throw new SetupError(409, "Build the loop first: the bounce test goes through the platform's set.");
    const domain = ctx.state.domain?.name;
    if (!domain) throw new SetupError(409, "Verify a domain first (step 5): the bounce test is sent from it.");
    const outcome = await sendViaApi({
      creds: ctx.secrets,
      where: ctx.where,
      target: ctx.target,
      from: `sesame-test@${domain}`,
      to: BOUNCE_SIMULATOR,
      configurationSet: set,
    });
    if (!outcome.ok)
      return NextResponse.json(
        failureBody(
          sendFailureFinding({
            via: "api",
            code: outcome.code,
            message: outcome.message ?? outcome.code ?? "",
            from: `sesame-test@${domain}`,
            to: BOUNCE_SIMULATOR,
            region: ctx.where.region,
          }),
        ),
        { status: 422 },
      );
    return NextResponse.json({ ok: true, messageId: outcome.messageId, configurationSet: set, to: BOUNCE_SIMULATOR });
  }
  if (body.action === "platform") {
    if (!needs.discovered) throw new SetupError(409, `${ctx.target.label} does not build its own loop.`);
    await updateState((s) => {
      s.events = { mode: "platform", region, sets: [], status: "pending", envWritten: [], at };
      return s;
    });
    return NextResponse.json({ ok: true });
  }
  if (needs.discovered)
    throw new SetupError(409, "useSend builds its own topic and configuration sets; use its admin settings.");

  const localStandIn = isLoopbackEndpoint(ctx.where.endpoint);
  const webhook = validatedWebhook(body.webhookUrl, needs.needsHttps, localStandIn);
  const sets = proposedSets(target);
  const topicName = body.action === "create" ? (body.topicName ?? needs.topicName) : body.topicArn.split(":")[5];
  const plan: EventPlan = { sets, topicName, webhookUrl: webhook.url, destinationName: DESTINATION_NAME };

  let topicArn: string;
  if (body.action === "create") {
    const created = await createLoop({
      plan,
      region,
      client: {
        credentials: {
          accessKeyId: body.creds.accessKeyId,
          secretAccessKey: body.creds.secretAccessKey,
          ...(body.creds.sessionToken ? { sessionToken: body.creds.sessionToken } : {}),
        },
        timeoutMs: ctx.config.timeoutMs,
        ...(ctx.where.endpoint ? { endpoint: ctx.where.endpoint } : {}),
      },
    });
    if (!created.ok)
      return NextResponse.json(
        {
          error: created.message,
          finding: created.finding,
          step: created.step,
          permission: created.denied ? created.action : undefined,
        },
        { status: 422 },
      );
    topicArn = created.topicArn;
  } else {
    topicArn = body.topicArn;
  }

  const written = await writeVars(ctx.config.envFile, (current) => eventEnvVars(target, plan, topicArn, current));
  await updateState((s) => {
    s.events = {
      mode: body.action === "create" ? "auto" : "manual",
      region,
      sets: sets.map((x) => x.name),
      topicArn,
      webhookUrl: webhook.url,
      status: "pending",
      envWritten: Object.keys(written),
      at,
    };
    return s;
  });
  return NextResponse.json({
    ok: true,
    topicArn,
    sets: sets.map((x) => x.name),
    written: Object.keys(written),
    file: ctx.config.envFile,
    restartHint: ctx.target.restartHint,
    ...(webhook.warning ? { warning: webhook.warning } : {}),
  });
});

/** The loop as the platform's key sees it now, plus (demo) what the stand-in's receiver got. */
export const GET = setupRoute(async ({ sid }) => {
  const ctx = await readyContext(sid);
  const ev = ctx.state.events;
  if (!ev || ev.mode === "skipped") throw new SetupError(404, "The loop has not been built yet.");
  const env = (await readEnvFile(ctx.config.envFile)).vars;
  const check = await checkLoop({
    target: ctx.target.id,
    region: ev.region,
    creds: ctx.secrets,
    endpoint: ctx.where.endpoint,
    env,
    timeoutMs: ctx.config.timeoutMs,
  });
  if (check.status === "confirmed" && ev.status !== "confirmed") {
    await updateState((s) => {
      if (s.events) {
        s.events.status = "confirmed";
        s.events.confirmedAt = new Date().toISOString();
      }
      return s;
    });
  }
  const received =
    ctx.config.demo && ctx.config.emulatorUrl && ev.webhookUrl
      ? await demoReceived(ctx.config.emulatorUrl, ev.webhookUrl, ctx.config.timeoutMs)
      : undefined;
  return NextResponse.json(
    { ok: true, status: check.status, findings: check.findings, ...(received ? { received } : {}) },
    { headers: { "cache-control": "no-store" } },
  );
});
