import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

/**
 * Every page names an icon that exists, and /favicon.ico — which browsers ask for on their own — is an icon, so no
 * page logs a 404. Pages are loaded in Chromium and every response is watched.
 */

const PAGES = ["/", "/health", "/tools", "/tools/smtp-password", "/tools/signature-doctor", "/setup", "/setup/target"];

test("/favicon.ico and the SVG icon are served as images", async ({ request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  const body = await ico.body();
  expect([...body.subarray(0, 4)]).toEqual([0, 0, 1, 0]); // the ICO header: reserved 0, type 1 (icon)
  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
});

test("no page answers or requests anything with a 404, and each links the icons", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await signIn(page);
  for (const p of PAGES) {
    await page.goto(p);
    const icons = await page.locator('link[rel="icon"]').evaluateAll((ls) => ls.map((l) => l.getAttribute("href")));
    expect(icons, p).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg"]));
  }
  expect(missing).toEqual([]);
});
