import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getTarget } from "@/lib/env/targets";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { envPlan, varsFor } from "@/lib/setup/env";
import type { WizardState } from "@/lib/setup/state";

/** The env step's preview goes to the browser: a secret in it is its length only, never a part of it. */
const dir = mkdtempSync(path.join(tmpdir(), "sesame-env-preview-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secrets = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const state = { region: "eu-west-1", sends: [] } as unknown as WizardState;

describe("env preview", () => {
  it("shows an API target's secret key as its length only, the key id with a hint, the region in full", async () => {
    const target = getTarget("plunk");
    const plan = await envPlan({
      file: path.join(dir, "a.env"),
      target,
      vars: await varsFor(target, state, secrets, 587),
    });
    const byKey = Object.fromEntries(plan.lines.map((l) => [l.key, l]));
    expect(byKey.AWS_SES_SECRET_ACCESS_KEY.shown).toBe("•••••••• (40 chars)");
    expect(byKey.AWS_SES_SECRET_ACCESS_KEY.secret).toBe(true);
    expect(byKey.AWS_SES_ACCESS_KEY_ID.shown).toBe("AK…LE (20 chars)");
    expect(byKey.AWS_SES_REGION.shown).toBe("eu-west-1");
    const json = JSON.stringify(plan);
    expect(json).not.toContain("wJ");
    expect(json).not.toContain("EY (");
  });

  it("shows the derived SMTP password as its length only", async () => {
    const target = getTarget("smtp");
    const plan = await envPlan({
      file: path.join(dir, "b.env"),
      target,
      vars: await varsFor(target, state, secrets, 587),
    });
    const password = await deriveSmtpPassword(secrets.secretAccessKey, "eu-west-1");
    const line = plan.lines.find((l) => l.key === "SMTP_PASSWORD");
    expect(line?.shown).toBe(`•••••••• (${password.length} chars)`);
    const json = JSON.stringify(plan);
    for (const part of [password.slice(0, 2), password.slice(-2)]) expect(json).not.toContain(`${part}…`);
    expect(json).not.toContain(password);
  });
});
