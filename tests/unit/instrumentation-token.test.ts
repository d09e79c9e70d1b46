import { describe, expect, it } from "vitest";
import { setupTokenProblem } from "@/lib/setup/security-settings";
import { announceGeneratedToken } from "../../instrumentation";

describe("a start without SESAME_SETUP_TOKEN (next dev, a bare next start)", () => {
  it("makes up a strong token and prints the setup link with it once, at start", () => {
    const env: Record<string, string | undefined> = { PORT: "3456" };
    const lines: string[] = [];
    announceGeneratedToken(env, (l) => lines.push(l));
    expect(env.SESAME_SETUP_TOKEN).toMatch(/^[0-9a-f]{48}$/);
    expect(setupTokenProblem(env.SESAME_SETUP_TOKEN as string)).toBeFalsy();
    expect(lines).toEqual([expect.stringContaining(`http://127.0.0.1:3456/setup?token=${env.SESAME_SETUP_TOKEN}`)]);
  });

  it("prints nothing when the operator set the token (it is never echoed)", () => {
    const env: Record<string, string | undefined> = {
      SESAME_SETUP_TOKEN: "operator-chosen-token-of-enough-variety-42",
    };
    const lines: string[] = [];
    announceGeneratedToken(env, (l) => lines.push(l));
    expect(lines).toEqual([]);
    expect(env.SESAME_SETUP_TOKEN).toBe("operator-chosen-token-of-enough-variety-42");
  });
});
