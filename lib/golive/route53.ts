import "server-only";
import type { AwsDoor } from "@/lib/aws";
import type { ExistingSet, PlannedChange } from "./route53-plan";

/**
 * Route 53 calls for "Publish to Route 53" (docs/wizard.md), through the AWS door (deadline on every call): find the
 * public hosted zone by the longest matching suffix, read its record sets, apply the planned change set, follow
 * GetChange to INSYNC. Failures throw the door's AwsCallError.
 */

export interface FoundZone {
  id: string;
  name: string;
}

const bare = (n: string) => n.replace(/\.$/, "").toLowerCase();

/** The public zone for `domain`: shop.example.com → shop.example.com, else example.com (never a private zone). */
export async function findPublicZone(door: AwsDoor, domain: string): Promise<FoundZone | undefined> {
  const labels = bare(domain).split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    const suffix = labels.slice(i).join(".");
    const out = await door.send(
      "route53",
      (sdk) => new sdk.ListHostedZonesByNameCommand({ DNSName: suffix, MaxItems: 20 }),
    );
    const zone = out.HostedZones?.find((z) => bare(z.Name ?? "") === suffix && z.Config?.PrivateZone !== true);
    if (zone?.Id) return { id: zone.Id.replace(/^\/hostedzone\//, ""), name: bare(zone.Name ?? suffix) };
  }
  return undefined;
}

export async function listSets(door: AwsDoor, zoneId: string): Promise<ExistingSet[]> {
  const sets: ExistingSet[] = [];
  let start: { name: string; type: string } | undefined;
  for (let page = 0; page < 20; page++) {
    const from = start;
    const out = await door.send(
      "route53",
      (sdk) =>
        new sdk.ListResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ...(from ? { StartRecordName: from.name, StartRecordType: from.type as never } : {}),
        }),
    );
    for (const s of out.ResourceRecordSets ?? [])
      sets.push({
        name: s.Name ?? "",
        type: s.Type ?? "",
        values: (s.ResourceRecords ?? []).map((r) => r.Value ?? ""),
      });
    if (!out.IsTruncated || !out.NextRecordName) break;
    start = { name: out.NextRecordName, type: out.NextRecordType ?? "" };
  }
  return sets;
}

/** UPSERT every planned set that is not already right; returns the change id (none when nothing changes). */
export async function applyChanges(door: AwsDoor, zoneId: string, plan: PlannedChange[]): Promise<string | undefined> {
  const todo = plan.filter((p) => p.action !== "same" && p.action !== "conflict");
  if (todo.length === 0) return undefined;
  const out = await door.send(
    "route53",
    (sdk) =>
      new sdk.ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Comment: "Sesame: Amazon SES records (DKIM, MAIL FROM, DMARC)",
          Changes: todo.map((p) => ({
            Action: "UPSERT" as const,
            ResourceRecordSet: {
              Name: p.name,
              Type: p.type,
              TTL: p.ttl,
              ResourceRecords: p.values.map((Value) => ({ Value })),
            },
          })),
        },
      }),
  );
  return out.ChangeInfo?.Id;
}

/** GetChange until INSYNC or `waitMs` passes (then PENDING: Sesame's own lookups and SES polling take over). */
export async function waitInSync(door: AwsDoor, changeId: string, waitMs = 20_000): Promise<"INSYNC" | "PENDING"> {
  const until = Date.now() + waitMs;
  for (;;) {
    const out = await door.send("route53", (sdk) => new sdk.GetChangeCommand({ Id: changeId }));
    if (out.ChangeInfo?.Status === "INSYNC") return "INSYNC";
    if (Date.now() + 1000 > until) return "PENDING";
    await new Promise((r) => setTimeout(r, 1000));
  }
}
