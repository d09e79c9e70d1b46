import type {
  GetIdentityDkimAttributesCommandOutput,
  GetIdentityMailFromDomainAttributesCommandOutput,
  GetIdentityVerificationAttributesCommandOutput,
} from "@aws-sdk/client-ses";
import type { GetEmailIdentityCommandOutput } from "@aws-sdk/client-sesv2";
import type { CallResult } from "@/lib/aws";
import type { RawFinding } from "@/lib/findings/materialize";
import { isAuthFailure } from "@/lib/aws/errors";
import { readVerification } from "../identity-reads";
import { allCandidates, subjectsOf, v1Status } from "../subjects";
import type { Facts, IdentityState, Probe } from "../types";

function fromV2(name: string, r: CallResult<GetEmailIdentityCommandOutput>): IdentityState | undefined {
  if (r.ok) {
    const o = r.output;
    const status = v1Status(o.VerificationStatus) ?? (o.VerifiedForSendingStatus ? "Success" : "Pending");
    return {
      name,
      found: true,
      verified: o.VerifiedForSendingStatus === true || status === "Success",
      status,
      dkimStatus:
        o.DkimAttributes?.SigningEnabled === false && !o.DkimAttributes?.Status
          ? undefined
          : v1Status(o.DkimAttributes?.Status),
      dkimTokens: o.DkimAttributes?.Tokens,
      mailFromDomain: o.MailFromAttributes?.MailFromDomain,
    };
  }
  if (r.error.kind === "aws" && r.error.code === "NotFoundException") return { name, found: false, verified: false };
  return undefined;
}

function fromV1(
  name: string,
  ver: CallResult<GetIdentityVerificationAttributesCommandOutput>,
  dkim: CallResult<GetIdentityDkimAttributesCommandOutput>,
  mailFrom: CallResult<GetIdentityMailFromDomainAttributesCommandOutput>,
): IdentityState | undefined {
  if (!ver.ok) return undefined;
  const v = ver.output.VerificationAttributes?.[name];
  if (!v) return { name, found: false, verified: false };
  const d = dkim.ok ? dkim.output.DkimAttributes?.[name] : undefined;
  const m = mailFrom.ok ? mailFrom.output.MailFromDomainAttributes?.[name] : undefined;
  return {
    name,
    found: true,
    verified: v.VerificationStatus === "Success",
    status: v.VerificationStatus,
    verificationToken: v.VerificationToken,
    dkimStatus: d?.DkimEnabled ? d.DkimVerificationStatus : undefined,
    dkimTokens: d?.DkimTokens,
    mailFromDomain: m?.MailFromDomain,
  };
}

/**
 * The domain's (and From address's) identity in the target region. SESv2 and v1 are asked at once: useSend-style
 * policies allow only v2 reads, Plunk-style ones only v1, and asking both costs no extra round trip.
 */
export const domainProbe: Probe = {
  id: "domain",
  label: "Domain identity in the region",
  needs: ["input"],
  when: (ctx, f) => ctx.aws.hasCredentials && !!f.region && subjectsOf(ctx.input).length > 0,
  async run(ctx, facts) {
    const region = facts.region as string;
    const subjects = subjectsOf(ctx.input);
    const names = allCandidates(subjects);
    const [{ v1: ver, v2 }, dkim, mailFrom] = await Promise.all([
      readVerification(ctx, region, names),
      ctx.aws.call(
        "ses",
        region,
        "GetIdentityDkimAttributes",
        (sdk) => new sdk.GetIdentityDkimAttributesCommand({ Identities: names }),
      ),
      ctx.aws.call(
        "ses",
        region,
        "GetIdentityMailFromDomainAttributes",
        (sdk) => new sdk.GetIdentityMailFromDomainAttributesCommand({ Identities: names }),
      ),
    ]);
    const states = new Map<string, IdentityState>();
    names.forEach((n, i) => {
      const fromV1State = fromV1(n, ver, dkim, mailFrom);
      const s = fromV2(n, v2[i]) ?? fromV1State;
      // only v1 tells the _amazonses TXT token: keep it when SESv2 answered the rest
      if (s && !s.verificationToken && fromV1State?.verificationToken)
        s.verificationToken = fromV1State.verificationToken;
      if (s) states.set(n, s);
    });

    const findings: RawFinding[] = [];
    const subjectFacts: NonNullable<Facts["subjects"]> = [];
    for (const subject of subjects) {
      const known = subject.candidates.map((c) => states.get(c)).filter((s): s is IdentityState => !!s);
      if (known.length === 0) continue; // neither API answered: reported as endpoint/permission findings elsewhere
      const verified = known.find((s) => s.verified);
      const found = known.find((s) => s.found);
      const statusHere = verified ? "verified" : found ? (found.status ?? "Pending").toLowerCase() : "missing";
      subjectFacts.push({ label: subject.label, verified: !!verified, statusHere });
      if (verified) {
        if (verified.name.includes("@") === false && verified.dkimStatus && verified.dkimStatus !== "Success") {
          findings.push({
            code: "identity.dkim-not-verified",
            evidence: { identity: verified.name, region, dkimStatus: verified.dkimStatus },
          });
        }
      } else if (!found) {
        findings.push({ code: "identity.missing", evidence: { identity: subject.label, region } });
      } else if (found.status === "Failed") {
        findings.push({ code: "identity.failed", evidence: { identity: found.name, region, status: found.status } });
      } else {
        findings.push({
          code: "identity.pending",
          evidence: { identity: found.name, region, status: found.status ?? "Pending" },
        });
      }
    }

    if (states.size === 0) {
      const v2first = v2[0] as CallResult<GetEmailIdentityCommandOutput> | undefined;
      const before = findings.length;
      if (v2first && !v2first.ok)
        findings.push(
          ...ctx.aws.errorFindings(v2first.error, { service: "sesv2", region, operation: "GetEmailIdentity" }),
        );
      if (!ver.ok)
        findings.push(
          ...ctx.aws.errorFindings(ver.error, {
            service: "ses",
            region,
            operation: "GetIdentityVerificationAttributes",
          }),
        );
      // Refusals are the permission probe's to report; say here that the domain stayed unknown, so no one reads
      // silence as "verified".
      // A refused signature (wrong secret, unknown key, clock) is the identity probe's finding: no permission advice here.
      const refused = [v2first, ver].find((r) => r && !r.ok && r.error.kind === "aws" && !isAuthFailure(r.error));
      if (findings.length === before && refused && !refused.ok) {
        findings.push({
          code: "identity.not-checked",
          evidence: {
            identity: subjects.map((s) => s.label).join(", "),
            region,
            errorCode: refused.error.kind === "aws" ? refused.error.code : "",
          },
        });
      }
    }
    const mailFromRead: Facts["mailFromRead"] = mailFrom.ok
      ? { ok: true }
      : { ok: false, refused: mailFrom.error.kind === "aws", errorCode: mailFrom.error.code };
    return { findings, facts: { identities: [...states.values()], subjects: subjectFacts, mailFromRead } };
  },
};
