import { inspectInput } from "../forensics";
import type { Probe } from "../types";

/** Input forensics: no call, so it is instant and always runs first. */
export const inputProbe: Probe = {
  id: "input",
  label: "Credentials and region as entered",
  needs: [],
  async run(ctx) {
    const r = inspectInput(ctx.input);
    return {
      findings: r.findings,
      facts: {
        ...(r.creds ? { creds: r.creds } : {}),
        ...(r.region ? { region: r.region } : {}),
        stsRegion: r.region && !r.region.startsWith("us-gov-") ? r.region : "us-east-1",
        inputCodes: r.findings.map((f) => f.code),
      },
    };
  },
};
