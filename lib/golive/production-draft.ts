import type { ProductionRequest } from "./production-request";

/** Browser-safe (no zod): the drafted use case, the reviewers' points and the AWS CLI command the Done step shows. */

/** What reviewers ask about (AWS's production-access guidance): answer each in the use case. */
export const REVIEW_POINTS = [
  "What you send and to whom: transactional mail for your own users, or marketing to people who asked for it.",
  "How recipients opted in (sign-up, purchase, double opt-in) — never bought or scraped lists.",
  "How you handle bounces and complaints: removed automatically, never mailed again.",
  "How recipients unsubscribe (a link in every marketing mail, honoured at once).",
  "Expected volume per day and how it grows; the website where the mail comes from.",
] as const;

export interface DraftFacts {
  platform: string;
  domain?: string;
  /** bounce/complaint notifications are wired (the event loop is set up) */
  eventLoop: boolean;
  mailType: "TRANSACTIONAL" | "MARKETING";
  /** what the operator expects per day */
  dailyVolume?: number;
  websiteUrl?: string;
}

/** A first draft from what Sesame knows; the operator edits it before anything is sent. */
export function draftUseCase(f: DraftFacts): string {
  const domain = f.domain ?? "our domain";
  const kind =
    f.mailType === "TRANSACTIONAL"
      ? `transactional email (account confirmations, password resets, receipts and notifications) from ${domain} to users of our service`
      : `marketing and product email from ${domain} to subscribers who opted in`;
  const volume = f.dailyVolume
    ? `We expect about ${f.dailyVolume.toLocaleString("en-US")} messages a day at first.`
    : "We expect a modest volume at first and will grow gradually.";
  const optIn =
    f.mailType === "TRANSACTIONAL"
      ? "Recipients are our own users, who gave their address when they signed up or ordered; we do not send to bought or rented lists."
      : "Recipients subscribe through a form on our website with double opt-in; we never send to bought, rented or scraped lists.";
  const bounces = f.eventLoop
    ? "SES bounce and complaint notifications are delivered to our platform through SNS; addresses that hard-bounce or complain are suppressed automatically and never mailed again."
    : "We use the SES account-level suppression list for bounces and complaints, and remove addresses that bounce or complain from our lists.";
  const unsubscribe =
    f.mailType === "MARKETING"
      ? "Every message carries a one-click unsubscribe link (List-Unsubscribe) that takes effect at once."
      : "Optional notifications can be switched off in the account settings; marketing is not sent from this account.";
  return [
    `We use ${f.platform} to send ${kind}${f.websiteUrl ? ` (${f.websiteUrl})` : ""}.`,
    volume,
    optIn,
    bounces,
    unsubscribe,
    `The domain ${domain} is verified in SES with DKIM, a custom MAIL FROM domain and DMARC.`,
  ].join(" ");
}

/** POSIX shell single quotes: the text is passed as one argument exactly as written. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** The same request for the AWS CLI (needs ses:PutAccountDetails in the operator's profile). */
export function putAccountDetailsCli(r: ProductionRequest): string {
  return [
    `aws sesv2 put-account-details --region ${r.region}`,
    "  --production-access-enabled",
    `  --mail-type ${r.mailType}`,
    `  --website-url ${shellQuote(r.websiteUrl)}`,
    `  --contact-language ${r.language}`,
    ...(r.contacts.length ? [`  --additional-contact-email-addresses ${r.contacts.map(shellQuote).join(" ")}`] : []),
    `  --use-case-description ${shellQuote(r.useCase)}`,
  ].join(" \\\n");
}
