import { Resolver } from "node:dns/promises";
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { failure, KEYS, startTestEmulator, TEST_CONFIG, type TestEmulator } from "../helpers/emulator";

/**
 * Route 53 hosted zones created and deleted in the stand-in through the real SDK client (docs/emulator.md "Route 53"):
 * CallerReference taken once, a delegation set per zone, HostedZoneNotEmpty, IAM on every action, and the DNS server
 * answering for the zone exactly while it exists.
 */

const ZONES_ONLY = { accessKeyId: "AKIAEXAMPLEZONESONLY", secretAccessKey: "zonesonlyEXAMPLEsecret/000000000000000+1" };
const CONFIG: EmulatorConfigInput = {
  ...TEST_CONFIG,
  users: [
    ...(TEST_CONFIG.users ?? []),
    {
      name: "zones-reader",
      inlinePolicies: {
        read: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["route53:Get*", "route53:List*"], Resource: "*" }],
        },
      },
      accessKeys: [{ id: ZONES_ONLY.accessKeyId, secret: ZONES_ONLY.secretAccessKey }],
    },
  ],
  route53: { hostedZones: [], syncAfterMs: 200 },
};

let emu: TestEmulator;
const r53 = (key: { accessKeyId: string; secretAccessKey: string } = KEYS.admin) =>
  new Route53Client({ region: "us-east-1", endpoint: emu.url, credentials: key, maxAttempts: 1 });
const resolver = () => {
  const r = new Resolver({ timeout: 2000, tries: 1 });
  r.setServers([`127.0.0.1:${emu.ports.dns}`]);
  return r;
};
const txt = (zoneId: string, action: "CREATE" | "DELETE", name: string, value: string) =>
  new ChangeResourceRecordSetsCommand({
    HostedZoneId: zoneId,
    ChangeBatch: {
      Changes: [
        {
          Action: action,
          ResourceRecordSet: { Name: name, Type: "TXT", TTL: 300, ResourceRecords: [{ Value: value }] },
        },
      ],
    },
  });

beforeAll(async () => {
  emu = await startTestEmulator(CONFIG);
});
afterAll(() => emu?.close());

describe("CreateHostedZone / GetHostedZone / DeleteHostedZone", () => {
  it("creates a public zone: 201 with Location, the zone, a PENDING change and its own delegation set", async () => {
    const out = await r53().send(
      new CreateHostedZoneCommand({
        Name: "fresh.example",
        CallerReference: "sesame-fresh-1",
        HostedZoneConfig: { Comment: "made by hand" },
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    const id = out.HostedZone?.Id?.replace("/hostedzone/", "") ?? "";
    expect(id).toMatch(/^Z[A-Z0-9]+$/);
    expect(out.Location).toBe(`https://route53.amazonaws.com/2013-04-01/hostedzone/${id}`);
    expect(out.HostedZone).toMatchObject({
      Name: "fresh.example.",
      CallerReference: "sesame-fresh-1",
      Config: { Comment: "made by hand", PrivateZone: false },
      ResourceRecordSetCount: 2,
    });
    expect(out.ChangeInfo?.Status).toBe("PENDING");
    const ns = out.DelegationSet?.NameServers ?? [];
    expect(ns).toHaveLength(4);
    for (const n of ns) expect(n).toMatch(/^ns-\d+\.awsdns-\d{2}\.(com|net|org|co\.uk)$/);

    // GetHostedZone tells the same delegation set; the apex NS record set holds it, SOA beside it
    const got = await r53().send(new GetHostedZoneCommand({ Id: id }));
    expect(got.DelegationSet?.NameServers).toEqual(ns);
    const sets = (await r53().send(new ListResourceRecordSetsCommand({ HostedZoneId: id }))).ResourceRecordSets ?? [];
    expect(sets.map((s) => s.Type)).toEqual(["NS", "SOA"]);
    expect(sets[0].ResourceRecords?.map((r) => r.Value)).toEqual(ns.map((n) => `${n}.`));

    const listed = (await r53().send(new ListHostedZonesCommand({}))).HostedZones?.map((z) => z.Name);
    expect(listed).toContain("fresh.example.");

    await new Promise((r) => setTimeout(r, 250));
    expect((await r53().send(new GetChangeCommand({ Id: out.ChangeInfo?.Id }))).ChangeInfo?.Status).toBe("INSYNC");
  });

  it("a CallerReference is taken once: a retry makes no second zone (HostedZoneAlreadyExists 409)", async () => {
    const first = await r53().send(new CreateHostedZoneCommand({ Name: "retry.example", CallerReference: "ref-once" }));
    expect(
      await failure(r53().send(new CreateHostedZoneCommand({ Name: "retry.example", CallerReference: "ref-once" }))),
    ).toEqual({
      name: "HostedZoneAlreadyExists",
      message: "A hosted zone has already been created with the specified caller reference.",
      status: 409,
    });
    const zones = (await r53().send(new ListHostedZonesCommand({}))).HostedZones ?? [];
    expect(zones.filter((z) => z.Name === "retry.example.")).toHaveLength(1);
    // even once the zone is gone, the reference stays used
    await r53().send(new DeleteHostedZoneCommand({ Id: first.HostedZone?.Id }));
    expect(
      await failure(r53().send(new CreateHostedZoneCommand({ Name: "retry.example", CallerReference: "ref-once" }))),
    ).toMatchObject({ name: "HostedZoneAlreadyExists" });
  });

  it("refuses a name that is no domain (InvalidDomainName)", async () => {
    expect(
      await failure(r53().send(new CreateHostedZoneCommand({ Name: "localhost", CallerReference: "bad-name" }))),
    ).toMatchObject({ name: "InvalidDomainName", status: 400 });
  });

  it("the DNS server answers for the zone while it exists; a zone with records is HostedZoneNotEmpty", async () => {
    const { HostedZone } = await r53().send(
      new CreateHostedZoneCommand({ Name: "answers.example", CallerReference: "answers-1" }),
    );
    const id = HostedZone?.Id ?? "";
    await r53().send(txt(id, "CREATE", "answers.example", '"v=spf1 include:amazonses.com ~all"'));
    expect(await resolver().resolveTxt("answers.example")).toEqual([["v=spf1 include:amazonses.com ~all"]]);

    expect(await failure(r53().send(new DeleteHostedZoneCommand({ Id: id })))).toEqual({
      name: "HostedZoneNotEmpty",
      message: "The specified hosted zone contains non-required resource record sets and so cannot be deleted.",
      status: 400,
    });
    await r53().send(txt(id, "DELETE", "answers.example", '"v=spf1 include:amazonses.com ~all"'));
    const deleted = await r53().send(new DeleteHostedZoneCommand({ Id: id }));
    expect(deleted.ChangeInfo?.Status).toBe("PENDING");
    expect(await failure(r53().send(new GetHostedZoneCommand({ Id: id })))).toMatchObject({
      name: "NoSuchHostedZone",
      status: 404,
    });
    // no longer authoritative: the name is refused, not answered empty
    await expect(resolver().resolveTxt("answers.example")).rejects.toMatchObject({ code: "EREFUSED" });
    expect(await failure(r53().send(new DeleteHostedZoneCommand({ Id: id })))).toMatchObject({
      name: "NoSuchHostedZone",
    });
  });

  it("IAM: creating and deleting need their own permissions", async () => {
    const reader = r53(ZONES_ONLY);
    expect(
      await failure(reader.send(new CreateHostedZoneCommand({ Name: "nope.example", CallerReference: "nope-1" }))),
    ).toMatchObject({
      name: "AccessDenied",
      status: 403,
      message: expect.stringContaining("is not authorized to perform: route53:CreateHostedZone on resource: *"),
    });
    const { HostedZone } = await r53().send(
      new CreateHostedZoneCommand({ Name: "keep.example", CallerReference: "keep-1" }),
    );
    const id = HostedZone?.Id?.replace("/hostedzone/", "");
    expect(await failure(reader.send(new DeleteHostedZoneCommand({ Id: id })))).toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining(`route53:DeleteHostedZone on resource: arn:aws:route53:::hostedzone/${id}`),
    });
    expect((await reader.send(new GetHostedZoneCommand({ Id: id }))).HostedZone?.Name).toBe("keep.example.");
  });
});
