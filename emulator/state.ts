import { globalContext } from "./auth/context";
import { type EmulatorConfig, type EmulatorConfigInput, EmulatorConfigSchema } from "./config";
import type { Authorizer, ConditionValues, Principal } from "./core/types";
import { createDnsStore, type DnsStore } from "./dns/store";
import type { FaultInjector } from "./faults";
import type { createSes, SesEngine } from "./services/ses/index";
import { publishSesEvents } from "./services/ses/events";
import type { SendRecord } from "./services/ses/model";

type CreateSes = typeof createSes;
import { IamModel } from "./services/iam/model";
import { SnsModel } from "./services/sns/model";
import { WebhookReceivers } from "./webhooks/receiver";
import { Route53Model } from "./services/route53/model";

/** What the SMTP listener needs to check a login: the key's owner, its secret and the owner's permissions. */
export interface KeyLookup {
  principal: Principal;
  secret: string;
  active: boolean;
  authz: Authorizer;
}

/**
 * The emulator's mutable world: IAM, SES and DNS built from one config. reset() rebuilds all three; the listeners
 * hold the stable proxies (`sesProxy`, `dnsProxy`) so they see the new world without restarting.
 */
export class World {
  config!: EmulatorConfig;
  iam!: IamModel;
  ses!: SesEngine;
  dns!: DnsStore;
  /** SNS lives across resets (a reset reseeds it), so deliveries in flight can be told to stop */
  readonly sns: SnsModel;
  /** the HTTP endpoint's own URL, for the links in SNS messages; set once the server listens */
  baseUrl = "http://127.0.0.1";
  /** the demo's platform webhook receivers under /_emulator/webhooks/<name> (cleared by a reset) */
  readonly webhooks = new WebhookReceivers(
    () => this.baseUrl,
    () => this.now(),
  );
  route53!: Route53Model;
  private readonly initial: EmulatorConfig;

  constructor(
    config: EmulatorConfigInput,
    private readonly createSes: CreateSes,
    readonly faults: FaultInjector,
  ) {
    this.initial = EmulatorConfigSchema.parse(config);
    this.sns = new SnsModel(
      this.initial.sns,
      // the SnsModel seeds its topics before load() sets this.config, so fall back to the initial config's account
      () => (this.config ?? this.initial).accountId,
      () => this.baseUrl,
      this.now,
    );
    this.load(this.initial);
  }

  readonly now = (): Date => this.faults.now();

  /** Rebuild from a new config (validated; throws ZodError) or from the one the emulator started with. */
  reset(config?: unknown): void {
    this.load(config === undefined ? this.initial : EmulatorConfigSchema.parse(config));
  }

  private load(config: EmulatorConfig): void {
    this.generation++;
    this.config = config;
    this.iam = new IamModel(config, this.now);
    this.dns = createDnsStore(config.dns.zones);
    this.sns.reset(config.sns);
    this.webhooks.clear();
    this.ses = this.createSes({ config, dns: this.dnsProxy, now: this.now, onSend: (record) => this.onSend(record) });
    this.route53 = new Route53Model(this.dns, this.now, config.route53.hostedZones, config.route53.syncAfterMs);
  }

  /** Event publishing: every accepted send through a set with enabled SNS destinations publishes SES events. */
  private onSend(record: SendRecord): void {
    const generation = this.generation;
    publishSesEvents(record, {
      now: this.now,
      publish: (topicArn, message, subject) => {
        // a reset in between: the old world's events go nowhere
        if (generation === this.generation) this.sns.publishIfExists(topicArn, message, subject);
      },
    });
  }
  private generation = 0;

  /**
   * Policy evaluation for one principal — a user's policies, or for a role session its role's (inline and
   * attached); `base` holds the request's global condition keys (aws:RequestedRegion, …).
   */
  authorizerFor(principal: Principal, base: ConditionValues = {}): Authorizer {
    return {
      evaluate: (action, resource, context, missing) => {
        const holder = principal.role
          ? this.iam.roles.find(principal.role.name)
          : this.iam.findUserByName(principal.userName);
        if (!holder) return "implicitDeny";
        return this.iam.evaluate(holder, action, resource ?? "*", { context: { ...base, ...context }, missing })
          .decision;
      },
    };
  }

  principalFor(accessKeyId: string): Principal | undefined {
    const entry = this.iam.findKey(accessKeyId);
    if (entry) {
      const { user } = entry;
      return { accountId: this.iam.accountId, arn: user.arn, userName: user.name, userId: user.userId, accessKeyId };
    }
    const session = this.iam.findSession(accessKeyId);
    if (!session) return undefined;
    return {
      accountId: this.iam.accountId,
      arn: session.arn,
      userName: session.role.name,
      userId: session.assumedRoleId,
      accessKeyId,
      role: { name: session.role.name, arn: session.role.arn, sessionName: session.sessionName },
    };
  }

  /** For the SMTP listener (and anything else that authenticates with a key outside HTTP). */
  readonly lookupAccessKey = (
    accessKeyId: string,
    request: { region: string; sourceIp?: string } = { region: this.config.smtp.region },
  ): KeyLookup | undefined => {
    const entry = this.iam.findKey(accessKeyId);
    const principal = this.principalFor(accessKeyId);
    if (!entry || !principal) return undefined;
    return {
      principal,
      secret: entry.key.secret,
      active: entry.key.status === "Active",
      authz: this.authorizerFor(principal, globalContext(principal, { ...request, now: this.now() })),
    };
  };

  /** Stable views for long-lived listeners; every call lands on the current world. */
  readonly sesProxy: SesEngine = forward(() => this.ses);
  readonly dnsProxy: DnsStore = forward(() => this.dns);
}

/** A proxy whose every property read goes to the current target (methods bound to it). */
function forward<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get: (_t, k) => {
      const target = current() as Record<string | symbol, unknown>;
      const value = target[k];
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
