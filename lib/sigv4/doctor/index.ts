/**
 * The SigV4 signature doctor: explains why a signed request fails, on the same canonicalisation as the verifier.
 * It imports nothing from node: the caller injects the hash (../key-chain.ts) — node:crypto's ../sha256.ts in the
 * CLI and the API route, Web Crypto's ../webcrypto-sha256.ts in the page.
 */
import type { ChecksumConstructor } from "../key-chain";
import { type DoctorOptions, type DoctorReport, diagnoseRequest, rankFindings } from "./diagnose";
import { looksLikeErrorBody, parseRequestFields, parseRequestText } from "./parse-input";
import { seen } from "./rules";

export type { DoctorFinding, DoctorOptions, DoctorReport } from "./diagnose";
export type { ParsedRequest } from "./parse-input";
export type { Certainty, DoctorCode, RuleId } from "./rules";
export type { CorrectedRequest } from "./correct";
export type { AwsErrorInfo } from "./aws-error";
export type { Section } from "./util";
export { diagnoseRequest, parseRequestText, parseRequestFields, looksLikeErrorBody };
export { parseAwsError } from "./aws-error";
export { parseCurl, shellWords } from "./curl";

export interface DoctorTextInput extends DoctorOptions {
  /** a URL, "METHOD URL", a curl command, raw HTTP, or AWS's error body */
  text?: string;
  /** structured form, used when `url` is given */
  method?: string;
  url?: string;
  headers?: string;
  body?: string;
}

/**
 * One entry point for the CLI, the API route and tests: read whatever was pasted, then diagnose. A text that is
 * an AWS error body (and no request given otherwise) is explained on its own.
 */
export async function explain(Sha256: ChecksumConstructor, input: DoctorTextInput): Promise<DoctorReport> {
  let errorBody = input.errorBody;
  let text = input.text?.trim() ?? "";
  if (text && looksLikeErrorBody(text) && !input.url) {
    errorBody = errorBody ?? text;
    text = "";
  }
  const parsed = input.url
    ? parseRequestFields({ method: input.method, url: input.url, headers: input.headers, body: input.body })
    : text
      ? parseRequestText(text, input.method)
      : undefined;
  if (parsed && !parsed.ok) {
    const report = await diagnoseRequest(Sha256, undefined, { ...input, errorBody });
    const unreadable = seen("sigv4.input-unreadable", "structural", { problem: parsed.problem, text: parsed.text });
    report.findings = [...rankFindings([unreadable]), ...report.findings];
    report.verdict = "unreadable";
    return report;
  }
  if (!parsed && !errorBody) {
    const report = await diagnoseRequest(Sha256, undefined, {});
    report.findings = rankFindings([seen("sigv4.nothing-to-examine", "structural", {})]);
    return report;
  }
  return diagnoseRequest(Sha256, parsed?.request, { ...input, errorBody });
}
