import { describe, expect, it } from "vitest";
import { recordsFor } from "@/lib/dns/records";
import { planChanges, txtText, txtValue, zonePolicy } from "@/lib/golive/route53-plan";

const rows = recordsFor({
  domain: "shop.example",
  region: "eu-west-1",
  dkimTokens: ["tok1", "tok2", "tok3"],
  mailFromDomain: "mail.shop.example",
});

describe("planChanges", () => {
  it("an empty zone: every record created, in Route 53's spelling", () => {
    const plan = planChanges(rows, []);
    expect(plan.every((p) => p.action === "create")).toBe(true);
    expect(plan.find((p) => p.type === "MX")?.values).toEqual(["10 feedback-smtp.eu-west-1.amazonses.com"]);
    expect(plan.find((p) => p.purpose === "mail-from-spf")?.values).toEqual(['"v=spf1 include:amazonses.com ~all"']);
    expect(plan.find((p) => p.purpose === "dkim")).toMatchObject({ ttl: 1800, values: ["tok1.dkim.amazonses.com"] });
  });

  it("says what it would overwrite, keeps unrelated TXT values, skips what is right, flags CNAME clashes", () => {
    const plan = planChanges(rows, [
      { name: "tok1._domainkey.shop.example.", type: "CNAME", values: ["tok1.dkim.amazonses.com"] },
      { name: "tok2._domainkey.shop.example.", type: "CNAME", values: ["old.example.net"] },
      { name: "tok3._domainkey.shop.example.", type: "TXT", values: ['"v=DKIM1; p=abc"'] },
      { name: "mail.shop.example.", type: "TXT", values: ['"v=spf1 include:_spf.google.com ~all"', '"site-verify=1"'] },
      { name: "_dmarc.shop.example.", type: "TXT", values: ['"hello"'] },
    ]);
    const by = (name: string, type = "CNAME") => plan.find((p) => p.name === name && p.type === type);
    expect(by("tok1._domainkey.shop.example")?.action).toBe("same");
    expect(by("tok2._domainkey.shop.example")).toMatchObject({ action: "replace", existing: ["old.example.net"] });
    expect(by("tok3._domainkey.shop.example")).toMatchObject({
      action: "conflict",
      existing: ['TXT "v=DKIM1; p=abc"'],
    });
    expect(by("mail.shop.example", "TXT")).toMatchObject({
      action: "replace",
      values: ['"site-verify=1"', '"v=spf1 include:amazonses.com ~all"'],
    });
    expect(by("_dmarc.shop.example", "TXT")).toMatchObject({
      action: "add",
      values: ['"hello"', '"v=DMARC1; p=none;"'],
    });
  });
});

describe("TXT values", () => {
  it("splits at 255 characters into quoted strings and joins back", () => {
    const long = `v=DKIM1; k=rsa; p=${"B".repeat(400)}"\\`;
    const v = txtValue(long);
    const parts = [...v.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, "$1"));
    expect(parts.map((p) => p.length)).toEqual([255, long.length - 255]);
    expect(txtText(v)).toBe(long);
  });
});

describe("zonePolicy", () => {
  it("changes only the named zone", () => {
    const p = JSON.parse(zonePolicy("Z0EXAMPLE"));
    const change = p.Statement.find((s: { Action: unknown }) => JSON.stringify(s.Action).includes("Change"));
    expect(change.Resource).toBe("arn:aws:route53:::hostedzone/Z0EXAMPLE");
    expect(JSON.stringify(p)).not.toMatch(/"route53:\*"/);
  });
});
