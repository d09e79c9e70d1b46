import { describe, expect, it } from "vitest";
import { loopFindings } from "@/lib/diagnose/probes/events";
import { materializeRaw } from "@/lib/findings/materialize";
import { eventNeeds, fromAnyEventType, parseTopicAllowList, toV2EventType } from "@/lib/events/needs";
import { type LoopObservation, needsFromUseSendNames } from "@/lib/events/read";
import { checkWebhookUrl } from "@/lib/events/webhook-url";
import { EVENT_READ_ACTIONS, policyFor, type PolicyStatement } from "@/lib/policy";

const REGION = "eu-west-1";
const TOPIC = `arn:aws:sns:${REGION}:123456789012:plunk-ses-events`;
const ALL = ["send", "delivery", "bounce", "complaint", "open", "click"] as const;

function plunkLoop(
  over: Partial<{ types: string[]; sub: { endpoint: string; pending: boolean }[]; topic: "found" | "missing" }> = {},
): LoopObservation {
  const needs = eventNeeds("plunk", { SES_CONFIGURATION_SET: "plunk-tracking" });
  return {
    sets: [
      {
        need: needs.sets[0],
        state: "found",
        destinations: [
          {
            name: "sns-events",
            enabled: true,
            kind: "sns",
            topicArn: TOPIC,
            eventTypes: (over.types ?? [...ALL]) as never,
          },
        ],
      },
    ],
    topics: [
      {
        arn: TOPIC,
        state: over.topic ?? "found",
        subscriptions: (over.sub ?? [{ endpoint: "https://api.example.com/webhooks/sns", pending: false }]).map(
          (s, i) => ({
            arn: s.pending ? "PendingConfirmation" : `${TOPIC}:sub-${i}`,
            protocol: new URL(s.endpoint).protocol.replace(":", ""),
            endpoint: s.endpoint,
            pending: s.pending,
          }),
        ),
      },
    ],
  };
}

const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();
const opts = (env: Record<string, string>, awsDelivers = true) => ({
  region: REGION,
  targetLabel: "Plunk",
  env,
  awsDelivers,
});

describe("event needs per platform", () => {
  it("Plunk v2 reads SES_CONFIGURATION_SET (default plunk-configuration-set) and the optional no-tracking set", () => {
    expect(eventNeeds("plunk").sets.map((s) => [s.name, s.fromDefault])).toEqual([["plunk-configuration-set", true]]);
    const n = eventNeeds("plunk", { SES_CONFIGURATION_SET: "a", SES_CONFIGURATION_SET_NO_TRACKING: " b " });
    expect(n.sets.map((s) => [s.name, s.variable])).toEqual([
      ["a", "SES_CONFIGURATION_SET"],
      ["b", "SES_CONFIGURATION_SET_NO_TRACKING"],
    ]);
    expect(n.webhookPath).toBe("/webhooks/sns");
    expect(n.allowListVar).toBe("SNS_TOPIC_ARNS");
  });

  it("Plunk v1 requires AWS_SES_CONFIGURATION_SET and listens on /webhooks/incoming/sns", () => {
    const n = eventNeeds("plunk-v1", {});
    expect(n.sets[0].name).toBeUndefined();
    expect(n.webhookPath).toBe("/webhooks/incoming/sns");
    expect(n.allowListVar).toBeUndefined();
  });

  it("useSend's sets are found by its naming convention in the region only", () => {
    const found = needsFromUseSendNames(
      ["Ab12-eu-west-1-unsend-general", "Ab12-eu-west-1-unsend-full", "x-us-east-1-unsend-general", "other"],
      REGION,
    );
    expect(found.map((s) => [s.name, s.role])).toEqual([
      ["Ab12-eu-west-1-unsend-general", "general"],
      ["Ab12-eu-west-1-unsend-full", "full"],
    ]);
    expect(found[1].eventTypes).toEqual(expect.arrayContaining(["click", "open", "bounce"]));
    expect(eventNeeds("usesend").webhookPath).toBe("/api/ses_callback");
  });

  it("SDK apps and SMTP apps need no loop and say what skipping costs", () => {
    for (const t of ["aws", "smtp"] as const) {
      expect(eventNeeds(t).uses).toBe(false);
      expect(eventNeeds(t).skipTradeoff).toMatch(/bounces or complaints/);
    }
  });

  it("spells event types both ways and parses the allow-list", () => {
    expect(toV2EventType("renderingFailure")).toBe("RENDERING_FAILURE");
    expect(fromAnyEventType("DELIVERY_DELAY")).toBe("deliveryDelay");
    expect(fromAnyEventType("bounce")).toBe("bounce");
    expect(fromAnyEventType("nonsense")).toBeUndefined();
    expect(parseTopicAllowList(" a, ,b ")).toEqual(["a", "b"]);
  });
});

describe("webhook URL reachability from AWS", () => {
  const https = { needsHttps: true };
  it.each([
    ["http://127.0.0.1:3000/webhooks/sns", "loopback"],
    ["https://[::1]/x", "loopback"],
    ["https://localhost/webhooks/sns", "local-name"],
    ["https://plunk/webhooks/sns", "local-name"],
    ["https://nas.local/webhooks/sns", "local-name"],
    ["https://10.1.2.3/x", "private"],
    ["https://172.20.0.5/x", "private"],
    ["https://192.168.1.10/x", "private"],
    ["https://169.254.169.254/x", "link-local"],
    ["https://[fd00::1]/x", "private"],
    ["ftp://example.com/x", "scheme"],
    ["not a url", "invalid"],
  ])("%s → %s", (url, problem) => {
    const v = checkWebhookUrl(url, https);
    expect(v.reachable).toBe(false);
    expect(v.problem).toBe(problem);
  });

  it("accepts public https, flags public plain http only where https is expected", () => {
    expect(checkWebhookUrl("https://api.example.com/webhooks/sns", https)).toMatchObject({
      reachable: true,
      plainHttp: false,
    });
    expect(checkWebhookUrl("http://api.example.com/webhooks/sns", https)).toMatchObject({
      reachable: true,
      plainHttp: true,
    });
    expect(checkWebhookUrl("http://api.example.com/", { needsHttps: false }).plainHttp).toBe(false);
    expect(checkWebhookUrl("https://172.32.0.1/", https).reachable).toBe(true);
  });
});

describe("loop findings", () => {
  const allowed = { SNS_TOPIC_ARNS: TOPIC };

  it("a complete, confirmed, allow-listed loop has no finding", () => {
    expect(loopFindings(eventNeeds("plunk", allowed), plunkLoop(), opts(allowed))).toEqual([]);
  });

  it("a missing set is an error naming the set, the region and the variable", () => {
    const needs = eventNeeds("plunk", {});
    const f = loopFindings(
      needs,
      { sets: [{ need: needs.sets[0], state: "missing", destinations: [] }], topics: [] },
      opts({}),
    );
    expect(codes(f)).toEqual(["events.config-set-missing"]);
    const m = materializeRaw(f[0]);
    expect(m.severity).toBe("error");
    expect(m.title).toBe('Configuration set "plunk-configuration-set" does not exist in eu-west-1');
    expect(m.detail).toContain(
      "SES_CONFIGURATION_SET is unset, so Plunk sends through its default set, plunk-configuration-set",
    );
  });

  it("Plunk v1 without AWS_SES_CONFIGURATION_SET is an error", () => {
    const needs = eventNeeds("plunk-v1", {});
    const f = loopFindings(
      needs,
      { sets: [{ need: needs.sets[0], state: "missing", destinations: [] }], topics: [] },
      opts({}),
    );
    expect(codes(f)).toEqual(["events.config-set-var-missing"]);
    expect(materializeRaw(f[0]).title).toBe("AWS_SES_CONFIGURATION_SET is not set");
  });

  it("missing event types and a disabled destination are warnings", () => {
    const f = loopFindings(eventNeeds("plunk", allowed), plunkLoop({ types: ["send", "delivery"] }), opts(allowed));
    expect(codes(f)).toEqual(["events.event-types-missing"]);
    expect(f[0].evidence.missing).toBe("bounce, complaint, open, click");
    const loop = plunkLoop();
    loop.sets[0].destinations[0].enabled = false;
    expect(codes(loopFindings(eventNeeds("plunk", allowed), { ...loop, topics: [] }, opts(allowed)))).toEqual([
      "events.no-destination",
    ]);
  });

  it("a missing topic is an error; no http(s) subscription a warning", () => {
    expect(codes(loopFindings(eventNeeds("plunk", allowed), plunkLoop({ topic: "missing" }), opts(allowed)))).toEqual([
      "events.topic-missing",
    ]);
    expect(codes(loopFindings(eventNeeds("plunk", allowed), plunkLoop({ sub: [] }), opts(allowed)))).toEqual([
      "events.no-subscription",
    ]);
  });

  it("a pending subscription is an error unless a confirmed one also exists", () => {
    const pending = { endpoint: "https://api.example.com/webhooks/sns", pending: true };
    expect(codes(loopFindings(eventNeeds("plunk", allowed), plunkLoop({ sub: [pending] }), opts(allowed)))).toEqual([
      "events.subscription-pending",
    ]);
    const both = plunkLoop({ sub: [pending, { ...pending, pending: false }] });
    expect(loopFindings(eventNeeds("plunk", allowed), both, opts(allowed))).toEqual([]);
  });

  it("a topic missing from SNS_TOPIC_ARNS is an error, with the corrected value", () => {
    const env = { SNS_TOPIC_ARNS: "arn:aws:sns:eu-west-1:123456789012:other" };
    const f = loopFindings(eventNeeds("plunk", env), plunkLoop(), opts(env));
    expect(codes(f)).toEqual(["events.topic-not-allowed"]);
    expect(f[0].evidence.suggested).toBe(`arn:aws:sns:eu-west-1:123456789012:other,${TOPIC}`);
    expect(codes(loopFindings(eventNeeds("plunk", {}), plunkLoop(), opts({})))).toEqual(["events.topic-not-allowed"]);
  });

  it("webhook URLs AWS cannot reach are errors, plain http a warning — unless a local stand-in delivers", () => {
    const local = plunkLoop({ sub: [{ endpoint: "http://127.0.0.1:4566/webhooks/sns", pending: false }] });
    expect(codes(loopFindings(eventNeeds("plunk", allowed), local, opts(allowed)))).toEqual([
      "events.webhook-unreachable",
    ]);
    expect(loopFindings(eventNeeds("plunk", allowed), local, opts(allowed, false))).toEqual([]);
    const http = plunkLoop({ sub: [{ endpoint: "http://api.example.com/webhooks/sns", pending: false }] });
    expect(codes(loopFindings(eventNeeds("plunk", allowed), http, opts(allowed)))).toEqual([
      "events.webhook-plain-http",
    ]);
  });

  it("useSend with none of its sets in the region is an error", () => {
    expect(codes(loopFindings(eventNeeds("usesend"), { sets: [], topics: [] }, opts({})))).toEqual([
      "events.usesend-not-set-up",
    ]);
  });

  it("every events finding materialises without an unfilled placeholder", () => {
    const env = { SNS_TOPIC_ARNS: "x" };
    const all = [
      ...loopFindings(
        eventNeeds("plunk", env),
        plunkLoop({ types: ["send"], sub: [{ endpoint: "http://10.0.0.1/x", pending: true }] }),
        opts(env),
      ),
      ...loopFindings(eventNeeds("plunk", env), plunkLoop({ topic: "missing" }), opts(env)),
      ...loopFindings(eventNeeds("plunk", env), plunkLoop({ sub: [] }), opts(env)),
      ...loopFindings(
        eventNeeds("plunk", env),
        plunkLoop({ sub: [{ endpoint: "https://a.example.com/x", pending: true }] }),
        opts(env),
      ),
    ];
    expect(new Set(all.map((f) => f.code)).size).toBeGreaterThanOrEqual(6);
    for (const f of all) {
      const m = materializeRaw(f);
      expect(`${m.title} ${m.detail} ${m.fix}`).not.toMatch(/\(unknown\)|\{[a-zA-Z]+\}/);
    }
  });
});

describe("policy for the event loop", () => {
  const stmts = (d: { Statement: PolicyStatement | PolicyStatement[] }) =>
    Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  it("narrows send actions to the platform's configuration sets by name", () => {
    const doc = policyFor("plunk", {
      region: REGION,
      accountId: "123456789012",
      identities: ["example.com"],
      configurationSets: ["plunk-tracking", "plunk-no-tracking"],
    });
    const send = stmts(doc).find((s) => [s.Action].flat().includes("ses:SendRawEmail"))!;
    expect(send.Resource).toContain(`arn:aws:ses:${REGION}:123456789012:configuration-set/plunk-tracking`);
    expect(send.Resource).toContain(`arn:aws:ses:${REGION}:123456789012:configuration-set/plunk-no-tracking`);
    expect(send.Resource).not.toContain(`arn:aws:ses:${REGION}:123456789012:configuration-set/*`);
  });

  it("adds only the read-only loop checks, and only when asked", () => {
    const without = stmts(policyFor("plunk")).flatMap((s) => [s.Action].flat());
    expect(without.some((a) => EVENT_READ_ACTIONS.includes(a as string))).toBe(false);
    const added = stmts(policyFor("plunk", { eventChecks: true }))
      .flatMap((s) => [s.Action].flat())
      .filter((a) => !without.includes(a));
    expect(added.sort()).toEqual([...EVENT_READ_ACTIONS].sort());
  });
});
