/** A request exactly as it arrived on the wire; nothing in it has been decoded or normalised yet. */
export interface RawRequest {
  method: string;
  /** wire path, still percent-encoded, without the query */
  rawPath: string;
  /** text after '?', undecoded, '' if none */
  rawQuery: string;
  /** lower-case header names; repeated headers as arrays */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array | string;
}

/** The signing claims of a request, from its Authorization header or its X-Amz-* query parameters. */
export interface ParsedAuth {
  form: "header" | "query";
  algorithm: string;
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** lower-case, in the order the client listed them */
  signedHeaders: string[];
  signature: string;
  /** X-Amz-Date header/query parameter, else derived from the Date header (compact ISO-8601 form) */
  amzDate?: string;
  /** presigned form: X-Amz-Expires in seconds */
  expires?: number;
  securityToken?: string;
  /** the Credential value as sent (AKID/date/region/service/terminator) */
  credentialRaw: string;
}

export type AuthParseResult =
  | { ok: true; auth: ParsedAuth }
  | { ok: false; code: "MissingAuthenticationToken" | "IncompleteSignature"; message: string };
