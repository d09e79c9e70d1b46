import "server-only";
import { IAMClient } from "@aws-sdk/client-iam";
import { SESClient } from "@aws-sdk/client-ses";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { SessionSecrets } from "./secrets";

/**
 * SDK clients for the wizard's own calls: endpoint override (demo / AWS-compatible servers), a deadline on every
 * call, one attempt (the operator is waiting and a retry would hide throttling from them).
 */
export interface AwsWhere {
  region: string;
  endpoint?: string;
  timeoutMs: number;
}

function common(creds: SessionSecrets, where: AwsWhere) {
  return {
    region: where.region,
    endpoint: where.endpoint,
    credentials: {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken || undefined,
    },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(where.timeoutMs, 3000),
      requestTimeout: where.timeoutMs,
    }),
  };
}

/** IAM is global and signs for us-east-1 whatever region the operator picked. */
export const iamClient = (c: SessionSecrets, w: AwsWhere) => new IAMClient(common(c, { ...w, region: "us-east-1" }));
export const stsClient = (c: SessionSecrets, w: AwsWhere) => new STSClient(common(c, w));
export const sesClient = (c: SessionSecrets, w: AwsWhere) => new SESClient(common(c, w));
export const sesv2Client = (c: SessionSecrets, w: AwsWhere) => new SESv2Client(common(c, w));

export interface AwsErrorInfo {
  code: string;
  message: string;
  status?: number;
  requestId?: string;
  /** for AccessDenied: the IAM action named in AWS's message, e.g. "iam:CreateUser" */
  permission?: string;
  /** network-level failure (timeout, refused), not an AWS answer */
  network: boolean;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "TimeoutError",
  "RequestTimeout",
]);

/** AWS's wording for a denial names the action: "not authorized to perform: iam:CreateUser" or "`ses:SendRawEmail'". */
export function permissionFromMessage(message: string): string | undefined {
  return /not authorized to perform:?\s*`?([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
}

export function describeAwsError(err: unknown): AwsErrorInfo {
  const e = (err ?? {}) as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string };
  };
  const code = e.name && e.name !== "Error" ? e.name : (e.code ?? "Error");
  const message = String(e.message ?? "Unknown error");
  return {
    code,
    message,
    status: e.$metadata?.httpStatusCode,
    requestId: e.$metadata?.requestId,
    permission: /AccessDenied/i.test(code) ? permissionFromMessage(message) : undefined,
    network: NETWORK_CODES.has(code) || NETWORK_CODES.has(String(e.code)) || /timed? ?out|ECONNREFUSED/i.test(message),
  };
}

export function isAccessDenied(info: AwsErrorInfo): boolean {
  return /AccessDenied/i.test(info.code);
}
