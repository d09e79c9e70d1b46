import { AwsError, type RequestContext, type RestRequest, type RestResponse } from "../../core/types";
import type { RegionAccount } from "../ses/model";

/**
 * Leaving the sandbox (docs/emulator.md, "Production access"): SESv2 PutAccountDetails files the request AWS
 * reviews, GetAccount shows it under Details.ReviewDetails, and the loopback admin API plays the reviewer. Shapes from
 * the SESv2 model: MailType and WebsiteURL required; ContactLanguage EN|JA; UseCaseDescription up to 5000
 * characters; 1-4 additional contact addresses; ReviewDetails.Status PENDING | GRANTED | DENIED | FAILED with a CaseId.
 */

export type ReviewStatus = "PENDING" | "GRANTED" | "DENIED" | "FAILED";

export interface AccountDetails {
  MailType: "MARKETING" | "TRANSACTIONAL";
  WebsiteURL: string;
  ContactLanguage?: "EN" | "JA";
  UseCaseDescription?: string;
  AdditionalContactEmailAddresses?: string[];
  ReviewDetails?: { Status: ReviewStatus; CaseId: string };
}

const bad = (message: string) => new AwsError("BadRequestException", message, 400);

function field<T>(o: Record<string, unknown>, key: string, check: (v: unknown) => v is T, what: string): T | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!check(v)) throw bad(`Invalid value for ${key}: ${what}.`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === "string";

/** A support case id as AWS prints them: digits. */
function newCaseId(): string {
  return String(Math.floor(1e10 + Math.random() * 9e10));
}

/** POST /v2/email/account/details. Authorization (ses:PutAccountDetails) happens before, in the server. */
export function putAccountDetails(acct: RegionAccount, req: RestRequest, ctx: RequestContext): RestResponse {
  void ctx;
  const body = req.body;
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body))
    throw bad("Request body must be a JSON object.");
  const o = body as Record<string, unknown>;
  const mailType = o.MailType;
  if (mailType !== "MARKETING" && mailType !== "TRANSACTIONAL")
    throw bad("MailType is required and must be MARKETING or TRANSACTIONAL.");
  const website = field(o, "WebsiteURL", isString, "a string");
  if (!website) throw bad("WebsiteURL is required.");
  if (website.length > 1000 || !/^https?:\/\/.+/i.test(website))
    throw bad("Invalid value for WebsiteURL: it must be an http:// or https:// URL of at most 1000 characters.");
  const language = field(o, "ContactLanguage", isString, "EN or JA");
  if (language !== undefined && language !== "EN" && language !== "JA")
    throw bad("Invalid value for ContactLanguage: EN or JA.");
  const useCase = field(o, "UseCaseDescription", isString, "a string");
  if (useCase !== undefined && (useCase.length < 1 || useCase.length > 5000))
    throw bad("Invalid value for UseCaseDescription: 1 to 5000 characters.");
  const contacts = field(
    o,
    "AdditionalContactEmailAddresses",
    (v): v is string[] => Array.isArray(v) && v.every(isString),
    "a list of email addresses",
  );
  if (contacts !== undefined) {
    if (contacts.length < 1 || contacts.length > 4)
      throw bad("Invalid value for AdditionalContactEmailAddresses: 1 to 4 addresses.");
    const wrong = contacts.find((c) => c.length < 6 || c.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c));
    if (wrong !== undefined) throw bad(`Invalid email address in AdditionalContactEmailAddresses: ${wrong}.`);
  }
  const production = field(o, "ProductionAccessEnabled", (v): v is boolean => typeof v === "boolean", "a boolean");

  const review = acct.details?.ReviewDetails;
  if (production === true) {
    // one case at a time; a denied case continues in the support centre, not through a new request
    if (review?.Status === "PENDING")
      throw new AwsError(
        "ConflictException",
        `A request for production access is already under review (case ${review.CaseId}).`,
        409,
      );
    if (review?.Status === "DENIED")
      throw new AwsError(
        "ConflictException",
        `The request for production access was denied (case ${review.CaseId}). Reply to the case in the AWS Support Center to ask for a new review.`,
        409,
      );
  }
  const details: AccountDetails = {
    MailType: mailType,
    WebsiteURL: website,
    ...(language ? { ContactLanguage: language as "EN" | "JA" } : {}),
    ...(useCase ? { UseCaseDescription: useCase } : {}),
    ...(contacts ? { AdditionalContactEmailAddresses: contacts } : {}),
  };
  if (production === true && acct.sandbox) details.ReviewDetails = { Status: "PENDING", CaseId: newCaseId() };
  else if (review) details.ReviewDetails = review;
  acct.details = details;
  return { status: 200, body: {} };
}

/** GetAccount's Details member, when details were ever filed in the region. */
export function accountDetailsView(acct: RegionAccount): AccountDetails | undefined {
  return acct.details ? structuredClone(acct.details) : undefined;
}

/**
 * The reviewer's decision on a PENDING request (admin API): GRANTED lifts the region's sandbox and gives it
 * production quotas (50,000 a day, 14 per second); DENIED and FAILED leave it sandboxed.
 */
export function decideReview(
  acct: RegionAccount,
  status: Exclude<ReviewStatus, "PENDING">,
): { ok: true; caseId: string } | { ok: false; error: string } {
  const review = acct.details?.ReviewDetails;
  if (review?.Status !== "PENDING") {
    return {
      ok: false,
      error: review ? `the review is ${review.Status}, not PENDING` : "no production access request",
    };
  }
  review.Status = status;
  if (status === "GRANTED") {
    acct.sandbox = false;
    acct.max24HourSend = Math.max(acct.max24HourSend, 50000);
    acct.maxSendRate = Math.max(acct.maxSendRate, 14);
  }
  return { ok: true, caseId: review.CaseId };
}
