import { ALGORITHM_IDENTIFIER } from "@smithy/signature-v4";
import { httpDateToAmzDate } from "./dates";
import { headerValue, parseRawQuery } from "./encode";
import type { AuthParseResult, ParsedAuth, RawRequest } from "./types";

const incomplete = (message: string): AuthParseResult => ({ ok: false, code: "IncompleteSignature", message });
// Wording captured from AWS (JSON services, 2013), trailing space included.
const unsupported = (algorithm: string) =>
  incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);

type Credential = Pick<ParsedAuth, "accessKeyId" | "scopeDate" | "region" | "service" | "terminator">;

function splitCredential(raw: string): Credential | string {
  const parts = raw.split("/");
  if (parts.length !== 5) {
    return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${raw}'`;
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  return { accessKeyId, scopeDate, region, service, terminator };
}

/**
 * Read the signing claims of a request, header form (Authorization) or presigned form (X-Amz-* query), with the
 * IncompleteSignature texts AWS uses (aws.md §1.2). Nothing is verified here; see verifyRequest.
 */
export function parseAuth(req: RawRequest): AuthParseResult {
  const authorization = headerValue(req.headers, "authorization");
  const query = parseRawQuery(req.rawQuery);
  const q = (name: string) => query.find(([n]) => n === name)?.[1];
  const header = authorization?.trim() ?? "";
  // A header that is not SigV4-shaped at all counts as no authentication (as AWS answers it, aws.md §1.2).
  if (header.startsWith("AWS4-")) return parseHeaderForm(req, header);
  if (header === "" && (q("X-Amz-Signature") !== undefined || q("X-Amz-Algorithm") !== undefined)) {
    return parseQueryForm(q);
  }
  return { ok: false, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token" };
}

function parseHeaderForm(req: RawRequest, header: string): AuthParseResult {
  const space = header.indexOf(" ");
  const algorithm = space === -1 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM_IDENTIFIER) return unsupported(algorithm);
  const fields = new Map<string, string>();
  // Clients write ", " or "," between the fields; both are accepted.
  for (const token of header
    .slice(space + 1)
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")) {
    const eq = token.indexOf("=");
    if (eq === -1) {
      return incomplete(
        `'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
      );
    }
    fields.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const missing: string[] = [];
  for (const name of ["Credential", "Signature", "SignedHeaders"]) {
    if (!fields.get(name)) missing.push(`Authorization header requires '${name}' parameter.`);
  }
  const amzDateHeader = headerValue(req.headers, "x-amz-date");
  const dateHeader = headerValue(req.headers, "date");
  if (amzDateHeader === undefined && dateHeader === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (missing.length > 0) return incomplete(`${missing.join(" ")} Authorization=${header}`);

  const credentialRaw = fields.get("Credential")!;
  const credential = splitCredential(credentialRaw);
  if (typeof credential === "string") return incomplete(credential);
  const amzDate = amzDateHeader !== undefined ? amzDateHeader.trim() : httpDateToAmzDate(dateHeader!);
  return {
    ok: true,
    auth: {
      form: "header",
      algorithm,
      ...credential,
      credentialRaw,
      signedHeaders: fields.get("SignedHeaders")!.split(";"),
      signature: fields.get("Signature")!,
      amzDate: amzDate ?? dateHeader,
      securityToken: headerValue(req.headers, "x-amz-security-token"),
    },
  };
}

function parseQueryForm(q: (name: string) => string | undefined): AuthParseResult {
  // one sentence per missing parameter, in AWS's order
  const required = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"];
  const absent = required.filter((name) => !q(name));
  if (absent.length > 0) {
    const parts = absent.map((n) => `AWS query-string parameters must include '${n}'. `).join("");
    return incomplete(`${parts}Re-examine the query-string parameters.`);
  }
  const algorithm = q("X-Amz-Algorithm")!;
  if (algorithm !== ALGORITHM_IDENTIFIER) return unsupported(algorithm);
  const credentialRaw = q("X-Amz-Credential")!;
  const credential = splitCredential(credentialRaw);
  if (typeof credential === "string") return incomplete(credential);
  const expiresRaw = q("X-Amz-Expires");
  return {
    ok: true,
    auth: {
      form: "query",
      algorithm,
      ...credential,
      credentialRaw,
      signedHeaders: q("X-Amz-SignedHeaders")!.split(";"),
      signature: q("X-Amz-Signature")!,
      amzDate: q("X-Amz-Date"),
      expires: expiresRaw === undefined ? undefined : /^\d+$/.test(expiresRaw) ? Number(expiresRaw) : Number.NaN,
      securityToken: q("X-Amz-Security-Token"),
    },
  };
}
