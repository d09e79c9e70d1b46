import { describe, expect, it } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { POST as recheck } from "@/app/api/health/recheck/route";

describe("health routes", () => {
  it("liveness answers 200 health+json without touching configuration or AWS", async () => {
    const res = live();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/health+json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await res.json()).status).toBe("pass");
  });

  it("the re-check button refuses cross-site posts before starting any round", async () => {
    const res = await recheck(
      new Request("http://sesame.local/api/health/recheck", {
        method: "POST",
        headers: { origin: "https://evil.example", host: "sesame.local", "sec-fetch-site": "cross-site" },
      }),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/cross-site/);
  });
});
