import { Resolver } from "node:dns/promises";
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { CreateEmailIdentityCommand, GetEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { failure, KEYS, type TestEmulator, startTestEmulator, TEST_CONFIG } from "../helpers/emulator";

/** Route 53 in the stand-in through the real SDK client: zones, record sets, changes, IAM, and DNS that answers. */

const ZONE_ID = "Z0EXAMPLEPUBLIC1";
const OTHER_ID = "Z0EXAMPLEOTHER01";
const PRIVATE_ID = "Z0EXAMPLEPRIVATE";
const DNS_ONLY = { accessKeyId: "AKIAEXAMPLEDNSONLY01", secretAccessKey: "dnsonlyEXAMPLEsecret/00000000000000000+1" };

const CONFIG: EmulatorConfigInput = {
  ...TEST_CONFIG,
  users: [
    ...(TEST_CONFIG.users ?? []),
    {
      name: "dns-only",
      inlinePolicies: {
        zone: {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
            {
              Effect: "Allow",
              Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"],
              Resource: `arn:aws:route53:::hostedzone/${ZONE_ID}`,
            },
            { Effect: "Allow", Action: "route53:GetChange", Resource: "arn:aws:route53:::change/*" },
          ],
        },
      },
      accessKeys: [{ id: DNS_ONLY.accessKeyId, secret: DNS_ONLY.secretAccessKey }],
    },
  ],
  dns: {
    zones: [
      {
        name: "shop.example",
        records: [{ name: "shop.example", type: "MX", value: "mail.shop.example", priority: 10 }],
      },
    ],
  },
  route53: {
    hostedZones: [
      { name: "shop.example", id: ZONE_ID },
      { name: "other.example", id: OTHER_ID },
      { name: "shop.example", id: PRIVATE_ID, private: true },
    ],
    syncAfterMs: 300,
  },
};

let emu: TestEmulator;
const r53 = (key: { accessKeyId: string; secretAccessKey: string } = KEYS.admin) =>
  new Route53Client({ region: "us-east-1", endpoint: emu.url, credentials: key, maxAttempts: 1 });
const resolver = () => {
  const r = new Resolver({ timeout: 2000, tries: 1 });
  r.setServers([`127.0.0.1:${emu.ports.dns}`]);
  return r;
};

beforeAll(async () => {
  emu = await startTestEmulator(CONFIG);
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await emu.admin("reset", { json: CONFIG });
});

describe("Route 53 stand-in", () => {
  it("lists zones by name in Route 53's order, private ones marked", async () => {
    const out = await r53().send(new ListHostedZonesByNameCommand({ DNSName: "shop.example" }));
    expect(out.HostedZones?.map((z) => [z.Id, z.Name, z.Config?.PrivateZone])).toEqual([
      [`/hostedzone/${PRIVATE_ID}`, "shop.example.", true],
      [`/hostedzone/${ZONE_ID}`, "shop.example.", false],
    ]);
    const all = await r53().send(new ListHostedZonesByNameCommand({}));
    expect(all.HostedZones?.map((z) => z.Name)).toEqual(["other.example.", "shop.example.", "shop.example."]);
    const got = await r53().send(new GetHostedZoneCommand({ Id: ZONE_ID }));
    expect(got.DelegationSet?.NameServers?.length).toBe(4);
    expect((await failure(r53().send(new GetHostedZoneCommand({ Id: "Z0NOSUCHZONE0001" })))).name).toBe(
      "NoSuchHostedZone",
    );
  });

  it("a change batch goes PENDING then INSYNC, and the DNS server answers with the new records at once", async () => {
    const longTxt = `v=DKIM1; k=rsa; p=${"A".repeat(300)}`;
    const split = longTxt
      .match(/.{1,255}/g)
      ?.map((c) => `"${c}"`)
      .join(" ") as string;
    const change = await r53().send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: ZONE_ID,
        ChangeBatch: {
          Comment: "Sesame: SES records",
          Changes: [
            {
              Action: "UPSERT",
              ResourceRecordSet: {
                Name: "tok1._domainkey.shop.example",
                Type: "CNAME",
                TTL: 1800,
                ResourceRecords: [{ Value: "tok1.dkim.amazonses.com" }],
              },
            },
            {
              Action: "UPSERT",
              ResourceRecordSet: {
                Name: "mail.shop.example",
                Type: "MX",
                TTL: 300,
                ResourceRecords: [{ Value: "10 feedback-smtp.us-east-1.amazonses.com" }],
              },
            },
            {
              Action: "UPSERT",
              ResourceRecordSet: {
                Name: "long.shop.example",
                Type: "TXT",
                TTL: 300,
                ResourceRecords: [{ Value: split }],
              },
            },
          ],
        },
      }),
    );
    expect(change.ChangeInfo?.Status).toBe("PENDING");
    expect(change.ChangeInfo?.Id).toMatch(/^\/change\/C[A-Z0-9]+$/);
    const cname = await resolver().resolveCname("tok1._domainkey.shop.example");
    expect(cname).toEqual(["tok1.dkim.amazonses.com"]);
    const mx = await resolver().resolveMx("mail.shop.example");
    expect(mx).toEqual([{ exchange: "feedback-smtp.us-east-1.amazonses.com", priority: 10 }]);
    const txt = await resolver().resolveTxt("long.shop.example");
    expect(txt[0].join("")).toBe(longTxt);
    await new Promise((r) => setTimeout(r, 350));
    const done = await r53().send(new GetChangeCommand({ Id: change.ChangeInfo?.Id }));
    expect(done.ChangeInfo?.Status).toBe("INSYNC");
    const sets = await r53().send(new ListResourceRecordSetsCommand({ HostedZoneId: ZONE_ID }));
    const long = sets.ResourceRecordSets?.find((s) => s.Name === "long.shop.example." && s.Type === "TXT");
    expect(long?.ResourceRecords?.[0].Value).toBe(split);
    expect(sets.ResourceRecordSets?.slice(0, 2).map((s) => s.Type)).toEqual(["NS", "SOA"]);
  });

  it("refuses what Route 53 refuses: a TXT string over 255, CREATE over an existing set, a name outside the zone", async () => {
    const one = (Action: "CREATE" | "UPSERT", Name: string, Type: "TXT" | "MX", Value: string) =>
      r53().send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: ZONE_ID,
          ChangeBatch: {
            Changes: [{ Action, ResourceRecordSet: { Name, Type, TTL: 300, ResourceRecords: [{ Value }] } }],
          },
        }),
      );
    const long = await failure(one("UPSERT", "t.shop.example", "TXT", `"${"x".repeat(256)}"`));
    expect(long).toMatchObject({ name: "InvalidChangeBatch", status: 400 });
    expect(long.message).toContain("TXTRDATATooLong");
    const exists = await failure(one("CREATE", "shop.example", "MX", "10 other.example"));
    expect(exists.message).toContain("but it already exists");
    const outside = await failure(one("UPSERT", "www.elsewhere.example", "TXT", '"x"'));
    expect(outside.message).toContain("is not permitted in zone shop.example.");
    // nothing of a refused batch was applied
    await expect(resolver().resolveTxt("t.shop.example")).rejects.toThrow();
  });

  it("IAM: a policy limited to one zone may change it and no other", async () => {
    const batch = (HostedZoneId: string) =>
      new ChangeResourceRecordSetsCommand({
        HostedZoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: "UPSERT",
              ResourceRecordSet: {
                Name: `_dmarc.${HostedZoneId === ZONE_ID ? "shop" : "other"}.example`,
                Type: "TXT",
                TTL: 300,
                ResourceRecords: [{ Value: '"v=DMARC1; p=none"' }],
              },
            },
          ],
        },
      });
    const ok = await r53(DNS_ONLY).send(batch(ZONE_ID));
    expect((await r53(DNS_ONLY).send(new GetChangeCommand({ Id: ok.ChangeInfo?.Id }))).ChangeInfo?.Id).toBe(
      ok.ChangeInfo?.Id,
    );
    const denied = await failure(r53(DNS_ONLY).send(batch(OTHER_ID)));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.message).toContain(`arn:aws:route53:::hostedzone/${OTHER_ID}`);
    expect((await failure(r53(KEYS.reader).send(new ListHostedZonesByNameCommand({})))).name).toBe("AccessDenied");
  });

  it("DKIM CNAMEs published through Route 53 verify the SES identity, offline", async () => {
    const ses = new SESv2Client({ region: "us-east-1", endpoint: emu.url, credentials: KEYS.admin, maxAttempts: 1 });
    const created = await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: "shop.example" }));
    const tokens = created.DkimAttributes?.Tokens ?? [];
    expect(tokens).toHaveLength(3);
    expect(
      (await ses.send(new GetEmailIdentityCommand({ EmailIdentity: "shop.example" }))).VerifiedForSendingStatus,
    ).toBe(false);
    await r53().send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: ZONE_ID,
        ChangeBatch: {
          Changes: tokens.map((t) => ({
            Action: "UPSERT" as const,
            ResourceRecordSet: {
              Name: `${t}._domainkey.shop.example`,
              Type: "CNAME" as const,
              TTL: 1800,
              ResourceRecords: [{ Value: `${t}.dkim.amazonses.com` }],
            },
          })),
        },
      }),
    );
    const after = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: "shop.example" }));
    expect(after.VerifiedForSendingStatus).toBe(true);
    expect(after.DkimAttributes?.Status).toBe("SUCCESS");
  });
});
