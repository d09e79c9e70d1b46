import "server-only";
import {
  type AwsWhere,
  awsErrorOf,
  awsFailureFinding,
  failureBody,
  hasCode,
  isAccessDenied,
  isNetworkFailure,
  withDoor,
} from "@/lib/aws";
import type { Finding } from "@/lib/findings/model";
import type { SessionSecrets } from "@/lib/setup/secrets";
import { type ProductionRequest, putAccountDetailsCli, type Review, ReviewSchema } from "./production-request";

export type SubmitOutcome =
  | { ok: true; review?: Review }
  | {
      ok: false;
      status: number;
      problem: "denied" | "conflict" | "rejected" | "network";
      message: string;
      /** the catalogue's finding when AWS refused or did not answer (a conflict is AWS's own words) */
      finding?: Finding;
      /** for a denial: the command to run with credentials that may */
      cli?: string;
    };

/**
 * Files the production-access request with credentials given once (never stored): SESv2 PutAccountDetails with
 * ProductionAccessEnabled, then GetAccount for the review it opened. A denied request answers with a conflict, which
 * is reported as it is — AWS's next step is the support case, not a new request (docs/wizard.md).
 */
export async function submitProductionAccess(
  creds: SessionSecrets,
  where: AwsWhere,
  request: ProductionRequest,
): Promise<SubmitOutcome> {
  const here = { ...where, region: request.region };
  try {
    await withDoor(creds, here, (door) =>
      door.send(
        "sesv2",
        (sdk) =>
          new sdk.PutAccountDetailsCommand({
            MailType: request.mailType,
            WebsiteURL: request.websiteUrl,
            ContactLanguage: request.language,
            UseCaseDescription: request.useCase,
            ...(request.contacts.length ? { AdditionalContactEmailAddresses: request.contacts } : {}),
            ProductionAccessEnabled: true,
          }),
      ),
    );
  } catch (err) {
    const e = awsErrorOf(err);
    // a denied request answers with a conflict: AWS's next step is the support case (its message says so)
    if (hasCode(e, "ConflictException")) return { ok: false, status: 409, problem: "conflict", message: e.message };
    const { error, finding } = failureBody(
      awsFailureFinding(e, {
        who: "given",
        task: "production-access",
        service: "sesv2",
        operation: "PutAccountDetails",
        where: here,
        remedy: "cli-instead",
      }),
    );
    if (isAccessDenied(e))
      return {
        ok: false,
        status: 403,
        problem: "denied",
        message: error,
        finding,
        cli: putAccountDetailsCli(request),
      };
    if (isNetworkFailure(e)) return { ok: false, status: 502, problem: "network", message: error, finding };
    return { ok: false, status: 422, problem: "rejected", message: error, finding };
  }
  return { ok: true, review: (await readAccount(creds, here)).review };
}

/**
 * GetAccount in the region: whether it is sandboxed and the review of a filed request. Undefined fields when the key
 * may not call ses:GetAccount (Plunk's policy has only SES v1 actions) or SES does not answer.
 */
export async function readAccount(
  creds: SessionSecrets,
  where: AwsWhere,
): Promise<{ sandbox?: boolean; review?: Review }> {
  const r = await withDoor(creds, where, (door) =>
    door.call("sesv2", where.region, "GetAccount", (sdk) => new sdk.GetAccountCommand({})),
  );
  if (!r.ok) return {};
  const d = r.output.Details?.ReviewDetails;
  const parsed = ReviewSchema.safeParse({ status: d?.Status, caseId: d?.CaseId });
  return {
    sandbox: r.output.ProductionAccessEnabled === undefined ? undefined : !r.output.ProductionAccessEnabled,
    review: parsed.success ? parsed.data : undefined,
  };
}

/** Details.ReviewDetails of GetAccount in the region, or undefined when none was filed or it cannot be read. */
export async function readReview(creds: SessionSecrets, where: AwsWhere): Promise<Review | undefined> {
  return (await readAccount(creds, where)).review;
}
