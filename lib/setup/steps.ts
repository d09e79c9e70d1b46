/** The wizard's steps in order; slugs are URLs (/setup/<slug>), so back/forward and reloads land on the same step. */
export const STEPS = [
  { slug: "target", title: "Target", description: "Which platform sends through SES, and from which region." },
  { slug: "iam", title: "IAM user", description: "A programmatic user with only the permissions the platform needs." },
  {
    slug: "check",
    title: "Check credentials",
    description: "Sesame tests the key against AWS before anything is written.",
  },
  {
    slug: "env",
    title: "Environment",
    description: "The platform's variables, written to its env file or downloaded.",
  },
  { slug: "domain", title: "Domain", description: "Verify your sending domain with Easy DKIM and a custom MAIL FROM." },
  {
    slug: "events",
    title: "Events",
    description: "Configuration sets and an SNS topic that tell the platform of deliveries, bounces and complaints.",
  },
  { slug: "send", title: "Test send", description: "Send a real message through the API and through SMTP." },
  { slug: "done", title: "Done", description: "What was set up, and how to keep it healthy." },
] as const;

export type StepSlug = (typeof STEPS)[number]["slug"];
export type StepProgress = Record<StepSlug, boolean>;

export function stepIndex(slug: StepSlug): number {
  return STEPS.findIndex((s) => s.slug === slug);
}
