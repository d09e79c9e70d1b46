import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthUrl, runHealthCli } from "@/lib/cli/health";

let server: Server;
let base: string;
const answers: Record<string, { status: number; body: string }> = {
  "/pass/api/health": { status: 200, body: JSON.stringify({ status: "pass", checks: {} }) },
  "/warn/api/health": {
    status: 200,
    body: JSON.stringify({
      status: "warn",
      checks: { "account:production": [{ status: "warn", output: "account.sandbox: In the sandbox" }] },
    }),
  },
  "/fail/api/health": {
    status: 503,
    body: JSON.stringify({
      status: "fail",
      checks: { "credentials:valid": [{ status: "fail", output: "credentials.x: bad" }] },
    }),
  },
  "/proxy/api/health": { status: 502, body: "<html>Bad Gateway</html>" },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const a = answers[req.url ?? ""] ?? { status: 200, body: JSON.stringify({ status: "pass" }) };
    if (req.url === "/slow/api/health") return; // never answers
    res.writeHead(a.status, { "content-type": "application/health+json" }).end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runHealthCli({ argv, env: {}, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe("npm run health", () => {
  it("exits 0 for pass and warn, listing what is not passing", async () => {
    expect((await cli("--url", `${base}/pass/api/health`)).code).toBe(0);
    const warn = await cli("--url", `${base}/warn/api/health`);
    expect(warn.code).toBe(0);
    expect(warn.out).toContain("warn account:production: account.sandbox");
  });

  it("exits 1 for fail (503), a non-JSON 502, a refused connection and a timeout", async () => {
    const fail = await cli("--url", `${base}/fail/api/health`);
    expect(fail.code).toBe(1);
    expect(fail.out).toContain("fail credentials:valid");
    expect((await cli("--url", `${base}/proxy/api/health`)).code).toBe(1);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect((await cli("--url", `http://127.0.0.1:${port}`)).code).toBe(1);
    const slow = await cli("--url", `${base}/slow/api/health`, "--timeout", "200");
    expect(slow.code).toBe(1);
    expect(slow.err).toContain("no answer within 200 ms");
  });

  it("--json prints the body; bad usage exits 2", async () => {
    const j = await cli("--url", `${base}/warn/api/health`, "--json");
    expect(JSON.parse(j.out).status).toBe("warn");
    expect((await cli("--bogus")).code).toBe(2);
    expect((await cli("--url", "not a url")).code).toBe(2);
    expect((await cli("--timeout", "-5")).code).toBe(2);
  });

  it("derives the URL from a base, --live and PORT", () => {
    expect(healthUrl(undefined, false, { PORT: "4000" }).href).toBe("http://127.0.0.1:4000/api/health");
    expect(healthUrl("http://h:1", true, {}).href).toBe("http://h:1/api/health/live");
    expect(healthUrl("http://h:1/custom", false, {}).href).toBe("http://h:1/custom");
  });
});
