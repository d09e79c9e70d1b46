import { DeleteIdentityCommand, SESClient } from "@aws-sdk/client-ses";
import { PutAccountDetailsCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { DOMAIN_SCAN_TTL_MS, domainRegions, productionRegions } from "@/lib/golive/health-regions";
import type { HealthSnapshot } from "@/lib/health/snapshot";
import type { WizardState } from "@/lib/setup/state";
import { KEYS, startTestEmulator, TEST_CONFIG, type TestEmulator } from "../helpers/emulator";

/**
 * Production access on /health for every sandboxed region where the domain identity exists (docs/wizard.md), found
 * by the doctor's region scan with the session's platform key, against the stand-in: verified in two sandboxed
 * regions → two; one granted → one; a production region, a pending identity and a public view add nothing.
 */

const PLATFORM = { accessKeyId: "AKIAEXAMPLEPLATFORM1", secretAccessKey: "platformEXAMPLEsecret/0000000000000000+1" };
const CONFIG: EmulatorConfigInput = {
  ...TEST_CONFIG,
  users: [
    ...(TEST_CONFIG.users ?? []),
    {
      name: "platform",
      inlinePolicies: {
        reads: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["ses:GetIdentityVerificationAttributes", "ses:GetAccount", "ses:SendRawEmail"],
              Resource: "*",
            },
          ],
        },
      },
      accessKeys: [{ id: PLATFORM.accessKeyId, secret: PLATFORM.secretAccessKey }],
    },
  ],
  regions: {
    "us-east-1": { sandbox: true },
    "eu-west-1": { sandbox: true },
    "ap-southeast-2": { sandbox: false },
    "sa-east-1": { sandbox: true },
  },
  identities: [
    { region: "us-east-1", identity: "example.com", status: "Success" },
    { region: "eu-west-1", identity: "example.com", status: "Success" },
    { region: "ap-southeast-2", identity: "example.com", status: "Success" },
    { region: "sa-east-1", identity: "example.com", status: "Pending" },
  ],
};

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(CONFIG);
});
afterAll(() => emu?.close());

const where = (region: string) => ({ region, endpoint: emu.url, timeoutMs: 4000 });
const snap: HealthSnapshot = {
  status: "pass",
  checkedAt: new Date().toISOString(),
  durationMs: 1,
  target: "aws",
  region: "us-east-1",
  source: "env-file",
  components: [],
};
const state = { region: "us-east-1", domain: { name: "example.com", region: "us-east-1" }, sends: [] } as WizardState;
const regionsShown = async (signedIn = true) =>
  (await productionRegions({ snap, state, signedIn, key: PLATFORM, where })).map((r) => r.region);

describe("production access regions on /health", () => {
  it("the domain verified in two sandboxed regions: both; a production region and a pending identity: neither", async () => {
    expect(await regionsShown()).toEqual(["eu-west-1", "us-east-1"]);
    // the scanned region says why it is there; the wizard's own region needs no reason
    const shown = await productionRegions({ snap, state, signedIn: true, key: PLATFORM, where });
    expect(shown.map((r) => [r.region, r.domainElsewhere ?? false])).toEqual([
      ["eu-west-1", true],
      ["us-east-1", false],
    ]);
  });

  it("a request the wizard recorded but AWS does not know (another account, a reset stand-in) is not shown as filed", async () => {
    const filed = {
      ...state,
      productionAccess: {
        "us-east-1": { status: "DENIED", caseId: "case-from-another-account", at: new Date().toISOString() },
      },
    } as unknown as WizardState;
    const live = await productionRegions({ snap, state: filed, signedIn: true, key: PLATFORM, where });
    const here = live.find((r) => r.region === "us-east-1");
    expect(here?.review).toBeUndefined();
    expect(here?.asFiled).toBe(false);
    // AWS cannot be asked (a key that may not call GetAccount): the wizard's record is all there is, marked as such
    const unreadable = await productionRegions({
      snap,
      state: filed,
      signedIn: true,
      key: KEYS.admin,
      where: (region) => ({ ...where(region), endpoint: "http://127.0.0.1:9", timeoutMs: 500 }),
    });
    expect(unreadable.find((r) => r.region === "us-east-1")).toMatchObject({
      review: { status: "DENIED", caseId: "case-from-another-account" },
      asFiled: true,
    });
  });

  it("the public view does not scan: nothing beyond what the round saw", async () => {
    expect(await regionsShown(false)).toEqual([]);
  });

  it("one region granted: only the other stays", async () => {
    const v2 = new SESv2Client({ region: "eu-west-1", endpoint: emu.url, credentials: KEYS.admin, maxAttempts: 1 });
    await v2.send(
      new PutAccountDetailsCommand({
        MailType: "TRANSACTIONAL",
        WebsiteURL: "https://example.com",
        UseCaseDescription: "Order confirmations for customers who signed up at example.com.",
        ProductionAccessEnabled: true,
      }),
    );
    // under review it is still sandboxed: still shown
    expect(await regionsShown()).toEqual(["eu-west-1", "us-east-1"]);
    expect(
      (await emu.admin("ses/production-access", { json: { region: "eu-west-1", status: "GRANTED" } })).status,
    ).toBe(200);
    expect(await regionsShown()).toEqual(["us-east-1"]);
  });

  it("the scan is reused for its period, then made again", async () => {
    const t0 = Date.now() + 10 * DOMAIN_SCAN_TTL_MS;
    const first = await domainRegions(PLATFORM, "example.com", "us-east-1", where, t0);
    expect([...first].sort()).toEqual(["ap-southeast-2", "eu-west-1"]);
    await new SESClient({ region: "eu-west-1", endpoint: emu.url, credentials: KEYS.admin, maxAttempts: 1 }).send(
      new DeleteIdentityCommand({ Identity: "example.com" }),
    );
    expect(await domainRegions(PLATFORM, "example.com", "us-east-1", where, t0 + 1000)).toContain("eu-west-1");
    const later = await domainRegions(PLATFORM, "example.com", "us-east-1", where, t0 + DOMAIN_SCAN_TTL_MS);
    expect(later).not.toContain("eu-west-1");
    expect(later).toContain("ap-southeast-2");
  });
});
