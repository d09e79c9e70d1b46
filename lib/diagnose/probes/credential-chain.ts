import type { RawFinding } from "@/lib/findings/materialize";
import { targetInfo } from "../target-info";
import type { Probe } from "../types";

/**
 * Platforms whose SES client is built without explicit keys when none are configured, so the SDK's default chain
 * (instance role, ECS task role, IRSA) applies: useSend and apps using an AWS SDK (docs/health.md). Plunk passes its
 * AWS_SES_* / AWS_* keys to the client itself and SMTP apps need a key to derive the password.
 */
const CHAIN_TARGETS = new Set(["usesend", "aws"]);

/** "Keys without keys": what the default chain gave, when no key is configured (credentialSource "chain"). */
export const credentialChainProbe: Probe = {
  id: "credential-chain",
  label: "AWS default credential chain",
  needs: [],
  when: (ctx) => ctx.input.credentialSource === "chain",
  async run(ctx) {
    const info = targetInfo(ctx.input.target);
    const target = info.label;
    let findings: RawFinding[];
    if (!CHAIN_TARGETS.has(ctx.input.target)) {
      findings = [
        {
          code: "credentials.chain-not-supported",
          evidence: { target, keyIdVar: info.keyIdVar, secretVar: info.secretVar },
        },
      ];
    } else if (ctx.input.chainError || !ctx.input.accessKeyId) {
      findings = [
        { code: "credentials.chain-empty", evidence: { target, error: ctx.input.chainError ?? "no credentials" } },
      ];
    } else {
      const kind = ctx.input.sessionToken ? "temporary role credentials" : "a long-term key from the environment";
      findings = [{ code: "credentials.from-chain", evidence: { target, kind } }];
    }
    return { findings };
  },
};
