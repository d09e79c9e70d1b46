import "server-only";
import { type AwsWhere, awsErrorOf, hasCode, isAccessDenied, isNetworkFailure, withDoor } from "@/lib/aws";
import type { SessionSecrets } from "@/lib/setup/secrets";
import { type ProductionRequest, putAccountDetailsCli, type Review, ReviewSchema } from "./production-request";

export type SubmitOutcome =
  | { ok: true; review?: Review }
  | {
      ok: false;
      status: number;
      problem: "denied" | "conflict" | "rejected" | "network";
      message: string;
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
  try {
    await withDoor(creds, { ...where, region: request.region }, (door) =>
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
    const info = awsErrorOf(err);
    if (isAccessDenied(info))
      return {
        ok: false,
        status: 403,
        problem: "denied",
        message: `These credentials may not call ses:PutAccountDetails in ${request.region}. Use credentials that may, or run the AWS CLI command below. AWS said: ${info.message}`,
        cli: putAccountDetailsCli(request),
      };
    if (hasCode(info, "ConflictException"))
      return { ok: false, status: 409, problem: "conflict", message: info.message };
    if (isNetworkFailure(info))
      return { ok: false, status: 502, problem: "network", message: `SES did not answer: ${info.message}` };
    return {
      ok: false,
      status: 422,
      problem: "rejected",
      message: `SES refused the request (${info.code}): ${info.message}`,
    };
  }
  return { ok: true, review: await readReview(creds, { ...where, region: request.region }) };
}

/** Details.ReviewDetails of GetAccount in the region, or undefined when none was filed or it cannot be read. */
export async function readReview(creds: SessionSecrets, where: AwsWhere): Promise<Review | undefined> {
  try {
    const out = await withDoor(creds, where, (door) => door.send("sesv2", (sdk) => new sdk.GetAccountCommand({})));
    const r = out.Details?.ReviewDetails;
    const parsed = ReviewSchema.safeParse({ status: r?.Status, caseId: r?.CaseId });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
