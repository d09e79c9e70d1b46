import type { ConfigurationSetSeed } from "../../config";
import { AwsError } from "../../core/types";

/**
 * SES configuration sets and their event destinations, per region (docs/emulator.md "Configuration sets").
 * Event types are kept in SESv2's spelling (SEND, BOUNCE, …); v1 reads and writes its lower-camel spelling.
 */

export const V2_EVENT_TYPES = [
  "SEND",
  "REJECT",
  "BOUNCE",
  "COMPLAINT",
  "DELIVERY",
  "OPEN",
  "CLICK",
  "RENDERING_FAILURE",
  "DELIVERY_DELAY",
  "SUBSCRIPTION",
] as const;
export type EventType = (typeof V2_EVENT_TYPES)[number];

/** v1's names (botocore ses EventType enum); DELIVERY_DELAY and SUBSCRIPTION exist only in v2. */
const V1_NAMES: Partial<Record<EventType, string>> = {
  SEND: "send",
  REJECT: "reject",
  BOUNCE: "bounce",
  COMPLAINT: "complaint",
  DELIVERY: "delivery",
  OPEN: "open",
  CLICK: "click",
  RENDERING_FAILURE: "renderingFailure",
};
export const V1_EVENT_TYPES = Object.values(V1_NAMES) as string[];

export const toV1EventType = (t: EventType): string => V1_NAMES[t] ?? t.toLowerCase();
export function fromV1EventType(name: string): EventType | undefined {
  return (Object.entries(V1_NAMES) as [EventType, string][]).find(([, v]) => v === name)?.[0];
}
/** Seeds may use either spelling. */
export function parseEventType(name: string): EventType | undefined {
  return (V2_EVENT_TYPES as readonly string[]).includes(name) ? (name as EventType) : fromV1EventType(name);
}

export interface EventDestination {
  name: string;
  enabled: boolean;
  matchingEventTypes: EventType[];
  /** the only destination kind the stand-in delivers to */
  snsTopicArn?: string;
}

export interface ConfigurationSet {
  name: string;
  sendingEnabled: boolean;
  tags: Array<{ Key: string; Value: string }>;
  destinations: Map<string, EventDestination>;
}

/** Names: up to 64 letters, digits, hyphens and underscores (SES API reference, CreateConfigurationSet). */
export const isValidSetName = (name: string) => /^[A-Za-z0-9_-]{1,64}$/.test(name);

export class ConfigurationSets {
  private regions = new Map<string, Map<string, ConfigurationSet>>();

  seed(seeds: ConfigurationSetSeed[]): void {
    this.regions = new Map();
    for (const s of seeds) {
      const set = this.create(s.region, s.name);
      set.sendingEnabled = s.sendingEnabled;
      for (const d of s.eventDestinations) {
        set.destinations.set(d.name, {
          name: d.name,
          enabled: d.enabled,
          matchingEventTypes: d.matchingEventTypes.map((t) => parseEventType(t) as EventType),
          snsTopicArn: d.snsTopicArn,
        });
      }
    }
  }

  private inRegion(region: string): Map<string, ConfigurationSet> {
    let sets = this.regions.get(region);
    if (!sets) {
      sets = new Map();
      this.regions.set(region, sets);
    }
    return sets;
  }

  find(region: string, name: string): ConfigurationSet | undefined {
    return this.regions.get(region)?.get(name);
  }

  list(region: string): ConfigurationSet[] {
    return [...(this.regions.get(region)?.values() ?? [])];
  }

  /** Throws "exists" for the caller to word per API; creates otherwise. */
  create(region: string, name: string): ConfigurationSet {
    const sets = this.inRegion(region);
    if (sets.has(name)) throw new SetExists(name);
    const set: ConfigurationSet = { name, sendingEnabled: true, tags: [], destinations: new Map() };
    sets.set(name, set);
    return set;
  }

  delete(region: string, name: string): boolean {
    return this.regions.get(region)?.delete(name) ?? false;
  }

  snapshot(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const [region, sets] of this.regions) {
      if (sets.size === 0) continue;
      out[region] = [...sets.values()].map((s) => ({
        name: s.name,
        sendingEnabled: s.sendingEnabled,
        eventDestinations: [...s.destinations.values()],
      }));
    }
    return out;
  }
}

export class SetExists extends Error {
  constructor(readonly setName: string) {
    super(`Configuration set <${setName}> already exists.`);
  }
}

/** SES v1's wording for a set that is not there (the text AWS returns, with the angle brackets). */
export const setMissingText = (name: string) => `Configuration set <${name}> does not exist.`;

/** What a send naming a missing set fails with: v1 (query and SMTP) ConfigurationSetDoesNotExist, v2 NotFound. */
export function setMissing(api: "v1" | "v2", name: string): AwsError {
  return api === "v1"
    ? new AwsError("ConfigurationSetDoesNotExist", setMissingText(name), 400)
    : new AwsError("NotFoundException", setMissingText(name), 404);
}
