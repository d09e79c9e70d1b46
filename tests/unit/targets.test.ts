import { parse as dotenvParse } from "dotenv";
import { describe, expect, it } from "vitest";
import { TargetIdSchema } from "@/lib/diagnose/schema";
import { applyVars } from "@/lib/env/render";
import { envVarsFor, envVarsWithSmtpPassword, getTarget, requiredVarNames, TARGETS } from "@/lib/env/targets";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";

const KEY = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

describe("target presets", () => {
  it("has one preset per target id, each naming itself", async () => {
    for (const id of TargetIdSchema.options) expect(TARGETS[id].id).toBe(id);
  });

  it("uses Plunk v2's AWS_SES_* names and flags the v1 names", async () => {
    const p = getTarget("plunk");
    expect(p.vars).toMatchObject({
      accessKeyId: "AWS_SES_ACCESS_KEY_ID",
      secretAccessKey: "AWS_SES_SECRET_ACCESS_KEY",
      region: "AWS_SES_REGION",
    });
    expect(p.legacyNames.AWS_ACCESS_KEY_ID).toBe("AWS_SES_ACCESS_KEY_ID");
    expect(p.legacyNames.AWS_DEFAULT_REGION).toBe("AWS_SES_REGION");
    // the code calls these although Plunk's documented policy omits them
    expect(p.requiredActions).toEqual(expect.arrayContaining(["ses:GetSendQuota", "ses:DeleteIdentity"]));
    expect(p.sesApi).toBe("v1");
    expect(p.mailFromSubdomain).toBe("plunk");
  });

  it("gives useSend SESv2 actions, both send actions and the legacy AWS_SECRET_KEY name", async () => {
    const u = getTarget("usesend");
    expect(u.sesApi).toBe("v2");
    expect(u.requiredActions).toEqual(
      expect.arrayContaining(["ses:GetAccount", "ses:CreateEmailIdentity", "ses:SendEmail", "ses:SendRawEmail"]),
    );
    expect(u.legacyNames.AWS_SECRET_KEY).toBe("AWS_SECRET_ACCESS_KEY");
    expect(u.vars.region).toBe("AWS_DEFAULT_REGION");
    expect(u.credentialsOptional).toBe(true);
  });

  it("writes the region for every SDK of a generic AWS app: AWS_REGION (JS, Go, Java) and AWS_DEFAULT_REGION (boto3, CLI)", async () => {
    const vars = envVarsFor("aws", {
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      region: "eu-west-1",
    });
    expect(vars).toEqual({
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
    });
  });

  it("lets an SMTP app do nothing but SendRawEmail", async () => {
    expect(getTarget("smtp").requiredActions).toEqual(["ses:SendRawEmail"]);
    expect(getTarget("smtp").mode).toBe("smtp");
  });

  it("rejects an unknown target with the valid ids in the message", async () => {
    expect(() => getTarget("mailgun")).toThrow(/plunk, plunk-v1, usesend, aws, smtp/);
  });

  it("requires keys and region for Plunk but not keys for useSend", async () => {
    expect(requiredVarNames(getTarget("plunk")).sort()).toEqual(
      ["AWS_SES_ACCESS_KEY_ID", "AWS_SES_REGION", "AWS_SES_SECRET_ACCESS_KEY"].sort(),
    );
    expect(requiredVarNames(getTarget("usesend"))).toEqual([]);
  });
});

describe("envVarsFor", () => {
  it("writes Plunk v2 variables under their exact names", async () => {
    expect(envVarsFor("plunk", { accessKeyId: KEY, secretAccessKey: SECRET, region: "eu-west-1" })).toEqual({
      AWS_SES_ACCESS_KEY_ID: KEY,
      AWS_SES_SECRET_ACCESS_KEY: SECRET,
      AWS_SES_REGION: "eu-west-1",
    });
  });

  it("fills Plunk v1's dashboard region too", async () => {
    const v = envVarsFor("plunk-v1", { accessKeyId: KEY, secretAccessKey: SECRET, region: "eu-west-1" });
    expect(v.AWS_REGION).toBe("eu-west-1");
    expect(v.NEXT_PUBLIC_AWS_REGION).toBe("eu-west-1");
  });

  it("writes MAIL_FROM_SUBDOMAIN only when it differs from Plunk's default", async () => {
    const base = { accessKeyId: KEY, secretAccessKey: SECRET, region: "us-east-1" };
    expect(envVarsFor("plunk", { ...base, mailFromSubdomain: "plunk" }).MAIL_FROM_SUBDOMAIN).toBeUndefined();
    expect(envVarsFor("plunk", { ...base, mailFromSubdomain: "bounce" }).MAIL_FROM_SUBDOMAIN).toBe("bounce");
  });

  it("derives the SMTP password for the chosen region, never the secret itself", async () => {
    const v = await envVarsWithSmtpPassword("smtp", { accessKeyId: KEY, secretAccessKey: SECRET, region: "us-east-1" });
    expect(v).toEqual({
      SMTP_HOST: "email-smtp.us-east-1.amazonaws.com",
      SMTP_PORT: "587",
      SMTP_USER: KEY,
      SMTP_PASSWORD: "BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9",
    });
    const eu = await envVarsWithSmtpPassword("smtp", {
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      region: "eu-west-1",
    });
    expect(eu.SMTP_PASSWORD).toBe(await deriveSmtpPassword(SECRET, "eu-west-1"));
    expect(Object.values(eu)).not.toContain(SECRET);
    // the sync renderer takes a password derived beforehand, and refuses to write an SMTP target without one
    expect(
      envVarsFor("smtp", { accessKeyId: KEY, secretAccessKey: SECRET, region: "eu-west-1", smtpPassword: "p" }),
    ).toMatchObject({ SMTP_PASSWORD: "p" });
    expect(() => envVarsFor("smtp", { accessKeyId: KEY, secretAccessKey: SECRET, region: "eu-west-1" })).toThrow(
      /derived first/,
    );
  });

  it("produces values that survive a write and a dotenv read for every target", async () => {
    for (const id of TargetIdSchema.options) {
      const vars = await envVarsWithSmtpPassword(id, {
        accessKeyId: KEY,
        secretAccessKey: SECRET,
        region: "eu-central-1",
      });
      const { text } = applyVars("# platform env\n", vars);
      expect(dotenvParse(text)).toEqual(vars);
    }
  });
});
