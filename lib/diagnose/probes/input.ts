import { customEndpointFor } from "@/lib/aws";
import { asNonstandard, inspectInput } from "../forensics";
import type { Probe } from "../types";

/** Input forensics: no call, so it is instant and always runs first. */
export const inputProbe: Probe = {
  id: "input",
  label: "Credentials and region as entered",
  needs: [],
  async run(ctx) {
    // STS answers the identity check, so its endpoint decides whether AWS's key formats apply.
    const customEndpoint = customEndpointFor("sts", ctx.input);
    const r = inspectInput({ ...ctx.input, ...(customEndpoint ? { customEndpoint } : {}) });
    // Held-back format findings wait for STS's verdict; without usable credentials no call will give one.
    const unjudged = r.creds ? [] : (r.formatFindings ?? []).map((f) => asNonstandard(f, customEndpoint));
    return {
      findings: [...r.findings, ...unjudged],
      facts: {
        ...(r.creds ? { creds: r.creds } : {}),
        ...(r.region ? { region: r.region } : {}),
        // STS in us-east-1 is enabled for every commercial account; a regional STS endpoint in an opt-in region the
        // account has not enabled would answer InvalidClientTokenId and make a good key look unknown.
        stsRegion: r.region?.startsWith("us-gov-") ? "us-gov-west-1" : "us-east-1",
        inputCodes: r.findings.map((f) => f.code),
        ...(r.creds && r.formatFindings ? { formatFindings: r.formatFindings } : {}),
        ...(customEndpoint ? { customEndpoint } : {}),
      },
    };
  },
};
