import { createHash, createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { variants } from "./secret-scan";
import { expect, type Page, recordPageSends, sentByPage, test } from "./fixtures";

/** The tool pages in real Chromium: the SMTP password is computed in the page, the doctor names broken rules. */
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const AKID = "AKIAIOSFODNN7EXAMPLE";

/** AWS's published SMTP password algorithm, independent of the product code. */
function smtpPassword(secret: string, region: string): string {
  let k = createHmac("sha256", `AWS4${secret}`).update("11111111").digest();
  for (const p of [region, "ses", "aws4_request", "SendRawEmail"]) k = createHmac("sha256", k).update(p).digest();
  return Buffer.concat([Buffer.from([4]), k]).toString("base64");
}

/** With SHOTS_DIR set, the page at 1280 and 390 px (for looking at, not for comparing; as phone.spec.ts does). */
async function photograph(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const viewport = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
  if (viewport) await page.setViewportSize(viewport);
}

/** A request signed by hand; `sorted: false` reproduces the classic unsorted-canonical-query bug. */
function signedRequest(opts: { sorted: boolean; secret?: string }): string {
  const host = "email.eu-west-1.amazonaws.com";
  const amzDate = new Date()
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  const scope = `${amzDate.slice(0, 8)}/eu-west-1/ses/aws4_request`;
  const wire = "Version=2010-12-01&Action=GetSendQuota";
  const canonicalQuery = opts.sorted ? "Action=GetSendQuota&Version=2010-12-01" : wire;
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  const canonical = [
    "GET",
    "/",
    canonicalQuery,
    `host:${host}\nx-amz-date:${amzDate}\n`,
    "host;x-amz-date",
    sha(""),
  ].join("\n");
  const sts = ["AWS4-HMAC-SHA256", amzDate, scope, sha(canonical)].join("\n");
  let k = createHmac("sha256", `AWS4${opts.secret ?? SECRET}`)
    .update(amzDate.slice(0, 8))
    .digest();
  for (const p of ["eu-west-1", "ses", "aws4_request"]) k = createHmac("sha256", k).update(p).digest();
  const sig = createHmac("sha256", k).update(sts).digest("hex");
  return `GET /?${wire} HTTP/1.1\nHost: ${host}\nX-Amz-Date: ${amzDate}\nAuthorization: AWS4-HMAC-SHA256 Credential=${AKID}/${scope}, SignedHeaders=host;x-amz-date, Signature=${sig}\n\n`;
}

test("the tools index links to both tools", async ({ page }) => {
  await page.goto("/tools");
  await expect(page.getByRole("heading", { level: 1, name: "Tools" })).toBeVisible();
  await page.getByRole("link", { name: /SES SMTP password/ }).click();
  await expect(page).toHaveURL(/\/tools\/smtp-password$/);
  await page.goto("/tools");
  await page.getByRole("link", { name: /signature doctor/i }).click();
  await expect(page.getByRole("heading", { level: 1, name: "SigV4 signature doctor" })).toBeVisible();
});

test("SMTP password: computed in the browser, never sent anywhere", async ({ page }) => {
  // the secret and the passwords it gives, in every form; looked for in what the network layer reports and in every
  // fetch/XHR/beacon the page's scripts start (page.on("request") alone missed a planted fetch leak)
  const forms = [SECRET, smtpPassword(SECRET, "eu-west-1"), smtpPassword(SECRET, "us-east-2")].flatMap((s) =>
    variants(s).map((v) => v.text),
  );
  const leaks: string[] = [];
  page.on("request", (req) => {
    const blob = `${req.url()} ${req.postData() ?? ""} ${JSON.stringify(req.headers())}`;
    if (forms.some((f) => blob.includes(f))) leaks.push(req.url());
  });
  await recordPageSends(page);
  await page.goto("/tools/smtp-password?region=eu-west-1");
  await expect(page.getByRole("heading", { level: 1, name: "SES SMTP password" })).toBeVisible();
  await expect(page.getByLabel("Region")).toHaveValue("eu-west-1");
  const secret = page.getByLabel("IAM secret access key");
  await expect(secret).toHaveAttribute("type", "password");
  await secret.fill(SECRET);
  await page.getByRole("button", { name: "Convert" }).click();
  await expect(page.getByRole("heading", { name: "SMTP credentials for eu-west-1" })).toBeVisible();
  await expect(page.getByText(smtpPassword(SECRET, "eu-west-1"), { exact: true })).toBeVisible();
  await expect(page.getByText("email-smtp.eu-west-1.amazonaws.com", { exact: true })).toBeVisible();
  // the ports for that host (STARTTLS and TLS wrapper), and why the IAM secret itself will not do
  await expect(page.getByText("587, 2587, 25", { exact: true })).toBeVisible();
  await expect(page.getByText("465, 2465", { exact: true })).toBeVisible();
  await expect(page.getByText(/does not accept the IAM secret access key/)).toBeVisible();
  await expect(page.getByText("Passwords are per region.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy SMTP password" })).toBeVisible();

  // another region, another password
  await page.getByLabel("Region").selectOption("us-east-2");
  await page.getByRole("button", { name: "Convert" }).click();
  await expect(page.getByText(smtpPassword(SECRET, "us-east-2"), { exact: true })).toBeVisible();

  // a region without SMTP is refused with the list of those that have it
  await page.getByLabel("Region").selectOption("af-south-1");
  await page.getByRole("button", { name: "Convert" }).click();
  // (Next.js' route announcer is also a role=alert element, hence the filter)
  const alert = page.getByRole("alert").filter({ hasText: "no SMTP endpoint in af-south-1" });
  await expect(alert).toBeVisible();
  // in the catalogue's words (smtp.password-region-no-smtp), with the regions that have SMTP
  await expect(alert).toHaveAttribute("data-code", "smtp.password-region-no-smtp");
  await expect(alert).toContainText(
    "af-south-1 offers the SES API but no SMTP interface, so no SMTP password works there.",
  );
  await expect(alert).toContainText("Send through the SES API in af-south-1");
  await expect(alert).toContainText(/SES SMTP endpoints exist in: us-east-1, .*eu-west-1, .*us-gov-west-1\.$/);
  await expect(alert).not.toContainText("(unknown)");
  await photograph(page, "smtp-password-region-no-smtp");
  await page.waitForLoadState("networkidle");
  expect(leaks).toEqual([]);
  const sent = await sentByPage(page);
  expect(sent.filter((b) => forms.some((f) => b.includes(f)))).toEqual([]);
  expect(sent.filter((b) => b.includes("/api/"))).toEqual([]);
});

test("SMTP password: something else pasted for the secret is named in the catalogue's words", async ({ page }) => {
  await page.goto("/tools/smtp-password?region=eu-west-1");
  const secret = page.getByLabel("IAM secret access key");

  // an SES SMTP password pasted where the secret belongs: smtp.paste-smtp-password (lib/findings/catalogue/)
  const pw = smtpPassword(SECRET, "eu-west-1");
  await secret.fill(pw);
  await page.getByRole("button", { name: "Convert" }).click();
  const asPassword = page.locator('[data-code="smtp.paste-smtp-password"]');
  await expect(asPassword).toContainText("This is already an SES SMTP password");
  await expect(asPassword).toContainText("It is 44 characters with version byte 4");
  await expect(asPassword).toContainText("Convert the IAM secret access key instead, or use this password as it is.");
  await expect(asPassword).not.toContainText(pw);
  await expect(asPassword).not.toContainText("(unknown)");
  // still derived (a warning, not a refusal): what was asked, from what was pasted
  await expect(page.getByText(smtpPassword(pw, "eu-west-1"), { exact: true })).toBeVisible();
  await photograph(page, "smtp-password-paste-smtp-password");

  // an access key id: smtp.paste-key-id, naming its AKIA prefix only
  await secret.fill(AKID);
  await page.getByRole("button", { name: "Convert" }).click();
  const asKeyId = page.locator('[data-code="smtp.paste-key-id"]');
  await expect(asKeyId).toContainText("This is an access key ID, not the secret");
  await expect(asKeyId).toContainText("It starts with AKIA: an access key ID is the SMTP user name");
  await expect(asKeyId).not.toContainText(AKID);
  await expect(page.locator('[data-code="smtp.paste-smtp-password"]')).toHaveCount(0);
  await photograph(page, "smtp-password-paste-key-id");

  // paste accidents: cleaned whitespace and quotes are notes, a short secret a warning, none of it echoing the value
  const cut = SECRET.slice(0, 30);
  await secret.fill(` "${cut}" `);
  await page.getByRole("button", { name: "Convert" }).click();
  await expect(page.getByText(smtpPassword(cut, "eu-west-1"), { exact: true })).toBeVisible();
  const spaces = page.locator('[data-code="smtp.paste-whitespace"]');
  await expect(spaces).toContainText("Removed whitespace from the secret");
  await expect(spaces).toContainText("It had a leading space and a trailing space: a common copy-paste accident");
  await expect(page.locator('[data-code="smtp.paste-quotes"]')).toContainText("Removed the quotes around the secret");
  const length = page.locator('[data-code="smtp.paste-length"]');
  await expect(length).toContainText("The secret is 30 characters, not 40");
  await expect(length).toContainText("IAM secret access keys are 40 characters long");
  await expect(page.locator('[data-code="smtp.paste-alphabet"]')).toHaveCount(0);
  await expect(page.locator("[data-code]")).toHaveCount(3);
  expect((await page.locator("[data-code]").allTextContents()).join(" ")).not.toContain(cut.slice(0, 8));
  await photograph(page, "smtp-password-paste-notes");

  // nothing left once the quotes are gone: refused in the catalogue's words (smtp.paste-empty)
  await secret.fill("''");
  await page.getByRole("button", { name: "Convert" }).click();
  const empty = page.getByRole("alert").filter({ hasText: "No secret access key given" });
  await expect(empty).toHaveAttribute("data-code", "smtp.paste-empty");
  await expect(empty).toContainText("Paste the secret access key (40 characters)");
  await expect(page.getByRole("heading", { name: /SMTP credentials for/ })).toHaveCount(0);

  // the real secret: no paste warning
  await secret.fill(SECRET);
  await page.getByRole("button", { name: "Convert" }).click();
  await expect(page.getByText(smtpPassword(SECRET, "eu-west-1"), { exact: true })).toBeVisible();
  await expect(page.locator("[data-code]")).toHaveCount(0);
});

test("signature doctor: names the unsorted query and offers a corrected header", async ({ page }) => {
  await page.goto("/tools/signature-doctor");
  await page.getByLabel("Failing request").fill(signedRequest({ sorted: false }));
  await page.getByLabel("Secret access key (optional)").fill(SECRET);
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Broken: query-not-sorted" })).toBeVisible();
  const rules = page.getByRole("list", { name: "Rules checked" });
  await expect(rules.getByRole("listitem")).toHaveCount(1);
  await expect(rules).toContainText("Query parameters were not sorted by name when signing");
  // the detail is the catalogue's sentence for sigv4.query-not-sorted (lib/findings/catalogue/sigv4.ts)
  await expect(rules.locator('[data-rule="query-not-sorted"]')).toContainText(
    "The carried signature is reproduced when the canonical query kept the order of the URL instead of being sorted by name.",
  );
  await photograph(page, "tools-signature-doctor-report");
  await expect(page.getByRole("heading", { name: "Canonical request (Sesame)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Canonical request (the client signed)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Corrected request" })).toBeVisible();
  await expect(page.getByText(/authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/)).toBeVisible();
  await expect(page.locator("body")).not.toContainText(SECRET);
});

test("signature doctor: runs in the page — no request carries the secret, none goes to the sigv4 API", async ({
  page,
}) => {
  const forms = [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1), SECRET.replace(/\//g, "\\/")];
  const seen: Array<{ url: string; blob: string }> = [];
  page.on("request", (req) => {
    seen.push({ url: req.url(), blob: `${req.url()} ${req.postData() ?? ""} ${JSON.stringify(req.headers())}` });
  });
  // and every fetch/XHR/beacon the page's scripts start, whatever the network layer reports
  await recordPageSends(page);
  await page.goto("/tools/signature-doctor");
  await expect(page.getByRole("heading", { level: 1, name: "SigV4 signature doctor" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const beforeSubmit = seen.length;
  await page.getByLabel("Failing request").fill(signedRequest({ sorted: false }));
  await page.getByLabel("Secret access key (optional)").fill(SECRET);
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Broken: query-not-sorted" })).toBeVisible();
  // the doctor's code arrived on submit (a dynamic import), not with the page
  expect(seen.slice(beforeSubmit).some((r) => /\.js(\?|$)/.test(new URL(r.url).pathname))).toBe(true);
  // and again with another mistake: the carried signature is checked against the secret here, in the page
  await page
    .getByLabel("Failing request")
    .fill(signedRequest({ sorted: true, secret: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" }));
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Broken: wrong-secret" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((r) => forms.some((f) => r.blob.includes(f))).map((r) => r.url)).toEqual([]);
  const sent = await sentByPage(page);
  expect(sent.filter((b) => forms.some((f) => b.includes(f)))).toEqual([]);
  expect(sent.filter((b) => b.includes("/api/"))).toEqual([]);
  expect(seen.filter((r) => r.url.includes("/api/tools/sigv4-doctor")).map((r) => r.url)).toEqual([]);
  expect(seen.filter((r) => new URL(r.url).pathname.startsWith("/api/")).map((r) => r.url)).toEqual([]);
});

test("signature doctor: a correct request is explained as correct, and without the secret as unverified", async ({
  page,
}) => {
  await page.goto("/tools/sigv4");
  await expect(page).toHaveURL(/\/tools\/signature-doctor$/);
  const text = signedRequest({ sorted: true });
  await page.getByLabel("Failing request").fill(text);
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No structural problem found" })).toContainText(
    "Give the secret access key to check the signature itself.",
  );
  await page.getByLabel("Secret access key (optional)").fill(SECRET);
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Correct signature" })).toContainText(
    "The signature the request carries is the one the secret you gave computes",
  );
  await page
    .getByLabel("Failing request")
    .fill(signedRequest({ sorted: true, secret: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" }));
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Broken: wrong-secret" })).toBeVisible();
});

test("signature doctor: ?region= pre-fills the expected scope, which the diagnosis then uses", async ({ page }) => {
  await page.goto("/tools/signature-doctor?region=us-west-2&service=ses");
  await expect(page.getByLabel("Expected region (optional)")).toHaveValue("us-west-2");
  await page.getByLabel("Failing request").fill(signedRequest({ sorted: true }));
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Broken: scope-region" })).toBeVisible();
});

/** A form POST signed by hand, as separate fields; `wrongHash` signs (and sends) the empty body's hash. */
function signedPost(wrongHash: boolean): { url: string; headers: string; body: string } {
  const host = "email.eu-west-1.amazonaws.com";
  const amzDate = new Date()
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  const scope = `${amzDate.slice(0, 8)}/eu-west-1/ses/aws4_request`;
  const body = "Action=GetSendQuota&Version=2010-12-01";
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  const hash = wrongHash ? sha("") : sha(body);
  const signed = "content-type;host;x-amz-content-sha256;x-amz-date";
  const canonical = [
    "POST",
    "/",
    "",
    `content-type:application/x-www-form-urlencoded\nhost:${host}\nx-amz-content-sha256:${hash}\nx-amz-date:${amzDate}\n`,
    signed,
    hash,
  ].join("\n");
  const sts = ["AWS4-HMAC-SHA256", amzDate, scope, sha(canonical)].join("\n");
  let k = createHmac("sha256", `AWS4${SECRET}`).update(amzDate.slice(0, 8)).digest();
  for (const p of ["eu-west-1", "ses", "aws4_request"]) k = createHmac("sha256", k).update(p).digest();
  const sig = createHmac("sha256", k).update(sts).digest("hex");
  return {
    url: `https://${host}/`,
    headers: [
      "Content-Type: application/x-www-form-urlencoded",
      `X-Amz-Content-Sha256: ${hash}`,
      `X-Amz-Date: ${amzDate}`,
      `Authorization: AWS4-HMAC-SHA256 Credential=${AKID}/${scope}, SignedHeaders=${signed}, Signature=${sig}`,
    ].join("\n"),
    body,
  };
}

test("signature doctor: method + URL + headers + body as separate, labelled fields", async ({ page }) => {
  await page.goto("/tools/signature-doctor");
  const tabs = page.getByRole("tablist", { name: "How to give the request" });
  const paste = tabs.getByRole("tab", { name: "Paste a request" });
  const fields = tabs.getByRole("tab", { name: "Method, URL, headers, body" });
  await expect(paste).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Failing request")).toBeVisible();

  // keyboard: arrow keys move between the tabs, as in any tablist
  await paste.focus();
  await page.keyboard.press("ArrowRight");
  await expect(fields).toHaveAttribute("aria-selected", "true");
  await expect(fields).toBeFocused();
  const panel = page.getByRole("tabpanel", { name: "Method, URL, headers, body" });
  await expect(panel).toBeVisible();
  await expect(page.getByLabel("Failing request")).toHaveCount(0);
  for (const label of ["Method", "URL", "Headers", "Body (optional)"]) {
    await expect(panel.getByText(label, { exact: true })).toBeVisible();
  }

  // a correct POST, field by field
  const good = signedPost(false);
  await page.getByLabel("Method", { exact: true }).selectOption("POST");
  await page.getByLabel("URL", { exact: true }).fill(good.url);
  await page.getByLabel("Headers", { exact: true }).fill(good.headers);
  await page.getByLabel("Body (optional)").fill(good.body);
  await page.getByLabel("Secret access key (optional)").fill(SECRET);
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Correct signature" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Canonical request (Sesame)" })).toBeVisible();
  // the canonical request Sesame rebuilt from the fields: method, path, the headers given, the body's hash
  const canonical = page.locator("pre").filter({ hasText: "x-amz-content-sha256:" }).first();
  await expect(canonical).toContainText("POST");
  await expect(canonical).toContainText("content-type:application/x-www-form-urlencoded");
  await expect(canonical).toContainText(createHash("sha256").update(good.body).digest("hex"));

  // the same request signed over the empty body's hash: the payload hash rule, from the fields' body
  const bad = signedPost(true);
  await page.getByLabel("Headers", { exact: true }).fill(bad.headers);
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Broken: payload-hash" })).toBeVisible();

  // the method field counts: the request signed as POST, announced as GET, is named for it
  await page.getByLabel("Headers", { exact: true }).fill(good.headers);
  await page.getByLabel("Method", { exact: true }).selectOption("GET");
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Broken: request-changed" })).toBeVisible();
  await expect(page.getByText(/signed as POST but is sent as GET/)).toBeVisible();

  // back to the paste tab: its own input is kept separately, and is what gets sent
  await paste.click();
  await page.getByLabel("Failing request").fill(signedRequest({ sorted: false }));
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Broken: query-not-sorted" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(SECRET);
});
