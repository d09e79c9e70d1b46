import { customEndpointFor } from "@/lib/aws";
import { isAccessDenied, isAuthFailure } from "@/lib/aws";
import { envVarsOf } from "@/lib/env/parse";
import { type EventNeeds, eventNeeds, parseTopicAllowList } from "@/lib/events/needs";
import { type LoopObservation, type ReadFailure, readLoop } from "@/lib/events/read";
import { checkWebhookUrl, WEBHOOK_PROBLEM_TEXT } from "@/lib/events/webhook-url";
import { eventReadStatements } from "@/lib/policy";
import type { AwsAccess } from "../aws-access";
import type { RawFinding } from "@/lib/findings/materialize";
import { targetInfo } from "../target-info";
import type { Probe } from "../types";

/**
 * The platform's event loop in the configured region (docs/events.md): every configuration set it sends through
 * exists and publishes the event types it reads to an SNS topic that exists, has an http(s) subscription that is
 * Confirmed and reachable from AWS, and (Plunk v2) is allow-listed in SNS_TOPIC_ARNS. A missing set is an error
 * because SES then rejects every send of the platform, although a send without a set passes.
 */

const WHAT: Record<string, string> = {
  "ses:DescribeConfigurationSet": "the configuration sets",
  "ses:ListConfigurationSets": "the region's configuration sets",
  "sns:GetTopicAttributes": "the SNS topic",
  "sns:ListSubscriptionsByTopic": "the topic's subscriptions",
};

/** The stand-in on this machine delivers to loopback itself; AWS never does. */
function deliveredByAws(ctx: Parameters<Probe["run"]>[0]): boolean {
  const custom = customEndpointFor("sns", ctx.input);
  if (!custom) return true;
  try {
    const h = new URL(custom).hostname.replace(/^\[|\]$/g, "");
    return !(h === "localhost" || h === "::1" || h.startsWith("127."));
  } catch {
    return true;
  }
}

function envOf(ctx: Parameters<Probe["run"]>[0]): Record<string, string> {
  return { ...(ctx.input.envText !== undefined ? envVarsOf(ctx.input.envText) : {}), ...(ctx.input.env ?? {}) };
}

/**
 * When the loop is judged (docs/events.md, "What Sesame checks"): whenever Sesame sees the platform's env (file or
 * variables: the doctor, health). useSend's sets are found by name, but useSend creates them itself once deployed, so
 * the wizard's credential check (no env yet) does not count their absence against the key being checked. Plunk v1
 * and v2 likewise. v1 requires
 * AWS_SES_CONFIGURATION_SET; v2 sends every message through SES_CONFIGURATION_SET or, unset, its default
 * `plunk-configuration-set`, so a bare v2 env is judged too (a missing set fails every send). Without the env (the
 * wizard's credential check, before its Events step) the names are unknown and the loop is not judged.
 */
export function loopDeclared(ctx: Parameters<Probe["run"]>[0]): boolean {
  const target = ctx.input.target;
  if (!eventNeeds(target).uses) return false;
  return envSeen(ctx);
}

/** Sesame was given the platform's env (a file or variables), so the variables it lacks are really unset. */
function envSeen(ctx: Parameters<Probe["run"]>[0]): boolean {
  return ctx.input.envText !== undefined || ctx.input.env !== undefined;
}

const regionOfArn = (arn: string) => arn.split(":")[3] ?? "";
const nameOfArn = (arn: string) => arn.split(":")[5] ?? arn;

function failureFindings(
  aws: AwsAccess,
  failures: ReadFailure[],
  region: string,
  accountHint: string | undefined,
): RawFinding[] {
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  for (const f of failures) {
    // A rejected key is the identity probe's finding; the events check then simply did not happen.
    if (f.error.kind === "aborted" || isAuthFailure(f.error)) continue;
    if (!isAccessDenied(f.error)) {
      const service = f.action.startsWith("sns:") ? "sns" : "ses";
      out.push(...aws.errorFindings(f.error, { service, region, operation: f.action.split(":")[1] }));
      // no usable answer at all (unreachable, timeout, TLS, 5xx, throttled): the endpoint finding says it, and health
      // then shows every AWS-dependent card as not checked
      if (f.error.kind !== "aws") continue;
    }
    if (seen.has(f.action)) continue;
    seen.add(f.action);
    out.push({
      code: "events.not-checked",
      evidence: {
        what: WHAT[f.action] ?? f.action,
        action: f.action,
        errorCode: f.error.code,
        readPolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: eventReadStatements({ region, ...(accountHint ? { accountId: accountHint } : {}) }),
        }),
      },
    });
  }
  return out;
}

/** Turns what AWS holds into findings; pure, so every rule is unit-tested without a network. */
export function loopFindings(
  needs: EventNeeds,
  loop: LoopObservation,
  opts: { region: string; targetLabel: string; env: Record<string, string>; awsDelivers: boolean },
): RawFinding[] {
  const { region, targetLabel: target } = opts;
  const findings: RawFinding[] = [];
  if (needs.discovered && !loop.listFailure && loop.sets.length === 0)
    findings.push({ code: "events.usesend-not-set-up", evidence: { region } });

  const setsOfTopic = new Map<string, string[]>();
  for (const s of loop.sets) {
    const need = s.need;
    if (!need.name) {
      findings.push({
        code: "events.config-set-var-missing",
        evidence: { variable: need.variable ?? "(none)", target, region },
      });
      continue;
    }
    if (s.state === "missing") {
      findings.push({
        code: "events.config-set-missing",
        evidence: {
          configSet: need.name,
          region,
          target,
          variable: need.variable ?? "useSend's settings",
          defaultNote: need.fromDefault ? ` is unset, so Plunk sends through its default set, ${need.name}` : "",
        },
      });
      continue;
    }
    if (s.state !== "found") continue;
    const sns = s.destinations.filter((d) => d.kind === "sns" && d.enabled && d.topicArn);
    if (!sns.length) {
      const described = s.destinations.map((d) => `${d.name}: ${d.kind}${d.enabled ? "" : ", disabled"}`).join("; ");
      findings.push({
        code: "events.no-destination",
        evidence: { configSet: need.name, region, target, destinations: described || "no event destination at all" },
      });
      continue;
    }
    for (const d of sns) {
      const list = setsOfTopic.get(d.topicArn as string) ?? [];
      list.push(need.name);
      setsOfTopic.set(d.topicArn as string, list);
    }
    const published = new Set(sns.flatMap((d) => d.eventTypes));
    const missing = need.eventTypes.filter((t) => !published.has(t));
    if (missing.length)
      findings.push({
        code: "events.event-types-missing",
        evidence: {
          configSet: need.name,
          target,
          role: need.role,
          destination: sns[0].name,
          missing: missing.join(", "),
          published: [...published].join(", ") || "nothing",
        },
      });
  }

  const allowList = needs.allowListVar ? parseTopicAllowList(opts.env[needs.allowListVar]) : undefined;
  for (const t of loop.topics) {
    const configSet = (setsOfTopic.get(t.arn) ?? []).join(", ");
    if (t.state === "missing") {
      findings.push({
        code: "events.topic-missing",
        evidence: {
          configSet,
          topicArn: t.arn,
          topicName: nameOfArn(t.arn),
          topicRegion: regionOfArn(t.arn),
        },
      });
      continue;
    }
    if (t.state !== "found") continue;
    if (needs.allowListVar && allowList && !allowList.includes(t.arn))
      findings.push({
        code: "events.topic-not-allowed",
        evidence: {
          allowListVar: needs.allowListVar,
          allowList: allowList.length ? allowList.join(", ") : "not set",
          topicArn: t.arn,
          suggested: [...allowList, t.arn].join(","),
        },
      });
    if (t.failure) continue;
    const web = t.subscriptions.filter((s) => s.protocol === "http" || s.protocol === "https");
    if (!web.length) {
      const others = [...new Set(t.subscriptions.map((s) => s.protocol))];
      findings.push({
        code: "events.no-subscription",
        evidence: {
          topicArn: t.arn,
          topicRegion: regionOfArn(t.arn),
          target,
          webhookPath: needs.webhookPath,
          otherProtocols: others.length ? ` (only ${others.join(", ")})` : "",
        },
      });
      continue;
    }
    const confirmed = web.some((s) => !s.pending);
    for (const s of web) {
      const base = { endpoint: s.endpoint, topicArn: t.arn, webhookPath: needs.webhookPath, target };
      if (opts.awsDelivers) {
        const v = checkWebhookUrl(s.endpoint, { needsHttps: needs.needsHttps });
        if (!v.reachable && v.problem) {
          findings.push({
            code: "events.webhook-unreachable",
            evidence: { ...base, problem: WEBHOOK_PROBLEM_TEXT[v.problem], reason: v.problem },
          });
          continue;
        }
        if (v.plainHttp) findings.push({ code: "events.webhook-plain-http", evidence: base });
      }
      // An old pending subscription next to a confirmed one costs nothing (AWS drops it after three days).
      if (s.pending && !confirmed) findings.push({ code: "events.subscription-pending", evidence: base });
    }
  }
  return findings;
}

export const eventsProbe: Probe = {
  id: "events",
  label: "Event loop (configuration sets, SNS topic, webhook)",
  needs: ["input"],
  when: (ctx, f) => !!f.creds && !!f.region && loopDeclared(ctx),
  async run(ctx, facts) {
    const region = facts.region as string;
    const env = envOf(ctx);
    const needs = eventNeeds(ctx.input.target, env);
    const loop = await readLoop((service, op, make) => ctx.aws.call(service, region, op, make), needs, region);
    const failures = [
      ...(loop.listFailure ? [loop.listFailure] : []),
      ...loop.sets.flatMap((s) => (s.failure ? [s.failure] : [])),
      ...loop.topics.flatMap((t) => (t.failure ? [t.failure] : [])),
    ];
    const findings = [
      ...loopFindings(needs, loop, {
        region,
        targetLabel: targetInfo(ctx.input.target).label,
        env,
        awsDelivers: deliveredByAws(ctx),
      }),
      ...failureFindings(ctx.aws, failures, region, facts.principal?.account),
    ];
    return { findings };
  },
};
