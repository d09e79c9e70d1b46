import type { FindingSpec } from "./spec";

/** Health: post-deploy checks of the deployed configuration that could not run (docs/health.md). */
export const HEALTH_FINDINGS = {
  "health.not-checked": {
    severity: "warn",
    component: "health",
    unchecked: true,
    title: "{label} not checked: {because}",
    why: "{reason}",
    fix: "{remedy}",
    order: 116,
    phrases: {
      because: {
        "credentials-refused": "AWS refused the credentials ({cause})",
        "endpoint-unusable": "AWS gave no usable answer ({cause})",
        "not-run": "no check of it ran in this round",
        "no-credentials": "there are no credentials to check ({cause})",
      },
      reason: {
        "credentials-refused":
          "AWS refused the credentials ({cause}), so Sesame could not ask it about this; the last round's answer does not count.",
        "endpoint-unusable":
          "AWS did not give a usable answer ({cause}), so Sesame could not ask it about this; the last round's answer does not count.",
        "not-run": "No check of this ran in this round.",
        "no-credentials":
          "Neither the env file nor the process environment holds the platform's access key, so nothing could be asked.",
      },
      remedy: {
        "credentials-refused":
          "Fix the credentials first (see the Credentials card); this is checked again in the next round.",
        "endpoint-unusable":
          "Fix the AWS endpoint first (see the AWS endpoint card); this is checked again in the next round.",
        "not-run": "Wait for the next round; if this stays unchecked, see the server log.",
        "no-credentials":
          "Finish the setup wizard (it writes the env file), or point `SESAME_ENV_FILE` at the platform's env file.",
      },
    },
  },
} as const satisfies Record<string, FindingSpec>;
