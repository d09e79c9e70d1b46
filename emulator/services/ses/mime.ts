import { simpleParser } from "mailparser";
import { type Mailbox, parseMailbox, parseMailboxList } from "./addresses";

export interface ParsedRaw {
  from: Mailbox[];
  /** To + Cc + Bcc as written */
  recipients: Mailbox[];
  subject: string;
  text?: string;
  html?: string;
  /** every header field in order, unfolded (event records' mail.headers) */
  headers: Array<{ name: string; value: string }>;
  /** X-SES-CONFIGURATION-SET, which names the set for SMTP and raw sends */
  configurationSet?: string;
}

/** The header value as the sender wrote it (unfolded), so rejections can quote identities like SES does. */
function headerText(lines: ReadonlyArray<{ key: string; line: string }>, key: string): string | undefined {
  const found = lines
    .filter((l) => l.key === key)
    .map((l) =>
      l.line
        .slice(l.line.indexOf(":") + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim(),
    );
  return found.length ? found.join(", ") : undefined;
}

/** Parses raw MIME with mailparser; SES reads From/To/Cc/Bcc from it when the caller gave no Source/Destinations. */
export async function parseRaw(raw: Buffer): Promise<ParsedRaw> {
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch {
    // unparseable bytes carry no From: the caller's missing-header error is what SES says too
    return { from: [], recipients: [], subject: "", headers: [] };
  }
  const lines = parsed.headerLines ?? [];
  const from = parseMailboxList(headerText(lines, "from"));
  const recipients = ["to", "cc", "bcc"].flatMap((k) => parseMailboxList(headerText(lines, k)));
  const headers = lines.map((l) => {
    const colon = l.line.indexOf(":");
    return {
      name: l.line.slice(0, colon).trim(),
      value: l.line
        .slice(colon + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim(),
    };
  });
  return {
    from,
    recipients,
    headers,
    configurationSet: headerText(lines, "x-ses-configuration-set"),
    subject: parsed.subject ?? "",
    text: parsed.text || undefined,
    html: typeof parsed.html === "string" ? parsed.html : undefined,
  };
}

export { parseMailbox };
