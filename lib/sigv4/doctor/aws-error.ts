/**
 * AWS's error body, XML (query services) or JSON (REST-JSON services), reduced to code and message; for the old
 * SignatureDoesNotMatch form (aws.md §1.2) also AWS's own canonical request and string to sign.
 */
export interface AwsErrorInfo {
  code?: string;
  message?: string;
  requestId?: string;
  canonicalRequest?: string;
  stringToSign?: string;
}

function decodeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

function xmlTag(body: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(body);
  return m ? decodeXml(m[1]) : undefined;
}

export function parseAwsError(text: string): AwsErrorInfo | undefined {
  const t = text.trim();
  let info: AwsErrorInfo | undefined;
  if (t.startsWith("<")) {
    const code = xmlTag(t, "Code");
    const message = xmlTag(t, "Message");
    if (code === undefined && message === undefined) return undefined;
    info = { code, message, requestId: xmlTag(t, "RequestId") };
    const cr = xmlTag(t, "CanonicalRequest");
    const sts = xmlTag(t, "StringToSign");
    if (cr !== undefined) info.canonicalRequest = cr;
    if (sts !== undefined) info.stringToSign = sts;
  } else if (t.startsWith("{")) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(t) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const nested = (json.Error ?? json.error) as Record<string, unknown> | undefined;
    const pick = (...keys: string[]) => {
      for (const src of [json, nested ?? {}]) {
        for (const k of keys) if (typeof src[k] === "string") return src[k] as string;
      }
      return undefined;
    };
    const rawCode = pick("__type", "code", "Code");
    info = {
      // "com.amazon.coral.service#InvalidSignatureException" → the part after '#', as the SDK reads it
      code: rawCode?.split("#").pop()?.split(":")[0],
      message: pick("message", "Message"),
      requestId: pick("RequestId", "requestId"),
    };
    if (info.code === undefined && info.message === undefined) return undefined;
  } else {
    return undefined;
  }
  const m =
    /The Canonical String for this request should have been\s*\n'([\s\S]*?)'\s*\n\s*\nThe String-to-Sign should have been\s*\n'([\s\S]*?)'\s*$/.exec(
      info.message ?? "",
    );
  if (m) {
    info.canonicalRequest ??= m[1];
    info.stringToSign ??= m[2];
    info.message = info.message!.slice(0, m.index).trim();
  }
  return info;
}
