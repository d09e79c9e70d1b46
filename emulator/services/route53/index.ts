import { parseXML } from "@aws-sdk/xml-builder";
import { modernDenialText, type RestMatch, type RestServiceTable } from "../../core/operations";
import { AwsError, type RequestContext, type RestResponse } from "../../core/types";
import { el } from "../../core/xml";
import type { Change, HostedZone, RecordSet, Route53Model } from "./model";

/**
 * Route 53's REST-XML API (2013-04-01) for what Sesame's "Publish to Route 53" needs: CreateHostedZone,
 * ListHostedZones, ListHostedZonesByName, GetHostedZone, DeleteHostedZone, ListResourceRecordSets,
 * ChangeResourceRecordSets and GetChange (docs/emulator.md, "Route 53").
 * Resources are `arn:aws:route53:::hostedzone/<id>` and `arn:aws:route53:::change/<id>`, as IAM policies name them.
 */

export const ROUTE53_XMLNS = "https://route53.amazonaws.com/doc/2013-04-01/";

const invalidInput = (message: string) => new AwsError("InvalidInput", message, 400);
const zoneArn = (id: string) => `arn:aws:route53:::hostedzone/${id.replace(/^\/?hostedzone\//, "")}`;

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function xml(status: number, root: string, inner: string): RestResponse {
  return { status, body: `<?xml version="1.0"?>\n<${root} xmlns="${ROUTE53_XMLNS}">${inner}</${root}>` };
}

function zoneXml(z: HostedZone, count: number): string {
  return `<HostedZone>${el("Id", `/hostedzone/${z.id}`)}${el("Name", z.name)}${el("CallerReference", z.callerReference)}<Config>${el("Comment", z.comment)}${el("PrivateZone", z.private)}</Config>${el("ResourceRecordSetCount", count)}</HostedZone>`;
}

/** One page of a zone listing (ListHostedZones, ListHostedZonesByName): at most MaxItems (≤ 100), and the zone after. */
function zonePage(zones: HostedZone[], maxitems: string | undefined, count: (z: HostedZone) => number) {
  const max = Math.min(100, Number(maxitems ?? 100) || 100);
  const next: HostedZone | undefined = zones[max];
  return {
    max,
    next,
    zonesXml: `<HostedZones>${zones
      .slice(0, max)
      .map((z) => zoneXml(z, count(z)))
      .join("")}</HostedZones>`,
  };
}

function delegationSetXml(z: HostedZone): string {
  if (z.private) return "";
  return `<DelegationSet><NameServers>${z.nameServers.map((n) => el("NameServer", n.replace(/\.$/, ""))).join("")}</NameServers></DelegationSet>`;
}

/** CreateHostedZoneRequest: Name, CallerReference, HostedZoneConfig {Comment, PrivateZone}, VPC (a private zone). */
function parseCreate(doc: Record<string, unknown>) {
  const root = doc.CreateHostedZoneRequest as Record<string, unknown> | undefined;
  if (!root) throw invalidInput("The request body is not a CreateHostedZoneRequest.");
  const name = String(root.Name ?? "").trim();
  const callerReference = String(root.CallerReference ?? "");
  if (!name)
    throw invalidInput(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  if (!callerReference)
    throw invalidInput(
      "1 validation error detected: Value null at 'callerReference' failed to satisfy constraint: Member must not be null",
    );
  const config = (root.HostedZoneConfig ?? {}) as Record<string, unknown>;
  const comment = config.Comment === undefined ? undefined : String(config.Comment);
  return { name, callerReference, comment, private: root.VPC !== undefined };
}

function setXml(s: RecordSet): string {
  return `<ResourceRecordSet>${el("Name", s.name)}${el("Type", s.type)}${el("TTL", s.ttl)}<ResourceRecords>${s.values
    .map((v) => `<ResourceRecord>${el("Value", v)}</ResourceRecord>`)
    .join("")}</ResourceRecords></ResourceRecordSet>`;
}

function changeInfoXml(c: { id: string; status: string; submittedAt: Date; comment?: string }): string {
  return `<ChangeInfo>${el("Id", `/change/${c.id}`)}${el("Status", c.status)}${el("SubmittedAt", c.submittedAt.toISOString().replace(/\.\d{3}Z$/, ".000Z"))}${el("Comment", c.comment)}</ChangeInfo>`;
}

function parseBody(req: RestMatch): Record<string, unknown> {
  const text = typeof req.body === "string" ? req.body : "";
  if (!text.trim()) throw invalidInput("The request body is empty.");
  try {
    return parseXML(text) as Record<string, unknown>;
  } catch {
    throw invalidInput("The XML document is not well-formed.");
  }
}

function parseChanges(doc: Record<string, unknown>): { changes: Change[]; comment?: string } {
  const root = doc.ChangeResourceRecordSetsRequest as Record<string, unknown> | undefined;
  const batch = root?.ChangeBatch as Record<string, unknown> | undefined;
  const raw = list((batch?.Changes as { Change?: unknown } | undefined)?.Change) as Record<string, unknown>[];
  if (!batch || raw.length === 0) throw invalidInput("ChangeBatch must contain at least one Change.");
  const changes = raw.map((c): Change => {
    const action = String(c.Action ?? "");
    if (action !== "CREATE" && action !== "DELETE" && action !== "UPSERT")
      throw invalidInput(`Invalid Action ${action}: CREATE, DELETE or UPSERT.`);
    const s = (c.ResourceRecordSet ?? {}) as Record<string, unknown>;
    const name = String(s.Name ?? "").trim();
    const type = String(s.Type ?? "").toUpperCase();
    const ttl = Number(s.TTL);
    if (!name || !type) throw invalidInput("Each ResourceRecordSet needs a Name and a Type.");
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > 2147483647) throw invalidInput(`Invalid TTL for ${name}.`);
    const values = list((s.ResourceRecords as { ResourceRecord?: unknown } | undefined)?.ResourceRecord).map((r) =>
      String((r as { Value?: unknown }).Value ?? ""),
    );
    if (values.length === 0) throw invalidInput(`ResourceRecords of ${name} ${type} is empty.`);
    return { action, set: { name, type, ttl, values } };
  });
  const comment = batch.Comment === undefined ? undefined : String(batch.Comment);
  return { changes, comment };
}

export function createRoute53(model: () => Route53Model): RestServiceTable {
  const zoneOf = (req: RestMatch) => model().get(req.params.Id);
  return {
    protocol: "rest-json",
    xml: { xmlns: ROUTE53_XMLNS },
    service: "route53",
    signingNames: ["route53"],
    prefix: "/2013-04-01",
    denied: (ctx: RequestContext, action, resource, decision) =>
      new AwsError("AccessDenied", modernDenialText(ctx.principal.arn, action, resource, decision), 403),
    unknown: (method, path) => new AwsError("UnknownOperationException", `Unknown operation ${method} ${path}`, 404),
    operations: [
      {
        name: "CreateHostedZone",
        method: "POST",
        path: "/hostedzone",
        iam: "route53:CreateHostedZone",
        handler: (req) => {
          const { zone, change } = model().create(parseCreate(parseBody(req)));
          const res = xml(
            201,
            "CreateHostedZoneResponse",
            `${zoneXml(zone, model().recordSets(zone).length)}${changeInfoXml({ id: change.id, status: "PENDING", submittedAt: change.submittedAt })}${delegationSetXml(zone)}`,
          );
          return { ...res, headers: { Location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${zone.id}` } };
        },
      },
      {
        name: "ListHostedZones",
        method: "GET",
        path: "/hostedzone",
        iam: "route53:ListHostedZones",
        handler: (req) => {
          const all = model().list();
          const startAt = req.query.marker ? all.findIndex((z) => z.id === req.query.marker) : 0;
          const from = all.slice(Math.max(0, startAt));
          const { max, next, zonesXml } = zonePage(from, req.query.maxitems, (z) => model().recordSets(z).length);
          return xml(
            200,
            "ListHostedZonesResponse",
            `${zonesXml}${req.query.marker ? el("Marker", req.query.marker) : ""}${el("IsTruncated", !!next)}${next ? el("NextMarker", next.id) : ""}${el("MaxItems", max)}`,
          );
        },
      },
      {
        name: "DeleteHostedZone",
        method: "DELETE",
        path: "/hostedzone/{Id}",
        iam: "route53:DeleteHostedZone",
        resource: (req) => zoneArn(req.params.Id),
        handler: (req) => {
          const c = model().delete(req.params.Id);
          return xml(
            200,
            "DeleteHostedZoneResponse",
            changeInfoXml({ id: c.id, status: "PENDING", submittedAt: c.submittedAt }),
          );
        },
      },
      {
        name: "ListHostedZonesByName",
        method: "GET",
        path: "/hostedzonesbyname",
        iam: "route53:ListHostedZonesByName",
        handler: (req) => {
          const dnsName = req.query.dnsname;
          const { max, next, zonesXml } = zonePage(
            model().listByName(dnsName),
            req.query.maxitems,
            (z) => model().recordSets(z).length,
          );
          return xml(
            200,
            "ListHostedZonesByNameResponse",
            `${zonesXml}${dnsName ? el("DNSName", dnsName.endsWith(".") ? dnsName : `${dnsName}.`) : ""}${el("IsTruncated", !!next)}${next ? `${el("NextDNSName", next.name)}${el("NextHostedZoneId", next.id)}` : ""}${el("MaxItems", max)}`,
          );
        },
      },
      {
        name: "GetHostedZone",
        method: "GET",
        path: "/hostedzone/{Id}",
        iam: "route53:GetHostedZone",
        resource: (req) => zoneArn(req.params.Id),
        handler: (req) => {
          const z = zoneOf(req);
          return xml(200, "GetHostedZoneResponse", `${zoneXml(z, model().recordSets(z).length)}${delegationSetXml(z)}`);
        },
      },
      {
        name: "ListResourceRecordSets",
        method: "GET",
        path: "/hostedzone/{Id}/rrset",
        iam: "route53:ListResourceRecordSets",
        resource: (req) => zoneArn(req.params.Id),
        handler: (req) => {
          const sets = model().recordSets(zoneOf(req));
          const max = Math.min(300, Number(req.query.maxitems ?? 300) || 300);
          const key = (s: RecordSet) => `${s.name.replace(/\.$/, "").split(".").reverse().join(".")}|${s.type}`;
          const start = req.query.name
            ? `${req.query.name.replace(/\.$/, "").toLowerCase().split(".").reverse().join(".")}|${(req.query.type ?? "").toUpperCase()}`
            : "";
          const from = start
            ? sets.filter((s) => key(s) >= start || s.type === "SOA" || s.type === "NS").filter((s) => key(s) >= start)
            : sets;
          const page = from.slice(0, max);
          const next = from[max];
          return xml(
            200,
            "ListResourceRecordSetsResponse",
            `<ResourceRecordSets>${page.map(setXml).join("")}</ResourceRecordSets>${el("IsTruncated", !!next)}${next ? `${el("NextRecordName", next.name)}${el("NextRecordType", next.type)}` : ""}${el("MaxItems", max)}`,
          );
        },
      },
      {
        name: "ChangeResourceRecordSets",
        method: "POST",
        path: "/hostedzone/{Id}/rrset",
        iam: "route53:ChangeResourceRecordSets",
        resource: (req) => zoneArn(req.params.Id),
        handler: (req) => {
          const zone = zoneOf(req);
          const { changes, comment } = parseChanges(parseBody(req));
          const c = model().change(zone, changes, comment);
          return xml(
            200,
            "ChangeResourceRecordSetsResponse",
            changeInfoXml({ id: c.id, status: "PENDING", submittedAt: c.submittedAt, comment }),
          );
        },
      },
      {
        name: "GetChange",
        method: "GET",
        path: "/change/{Id}",
        iam: "route53:GetChange",
        resource: (req) => `arn:aws:route53:::change/${req.params.Id}`,
        handler: (req) => xml(200, "GetChangeResponse", changeInfoXml(model().getChange(req.params.Id))),
      },
    ],
  };
}
