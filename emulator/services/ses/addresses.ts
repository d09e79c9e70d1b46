/**
 * Mailbox parsing for SES's sender/recipient checks. SES reports failing identities "as written" (display-name form
 * kept), so a mailbox keeps both the written text and the bare address.
 */
export interface Mailbox {
  written: string;
  address: string;
}

const LOCAL_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN_RE =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidDomain(domain: string): boolean {
  return DOMAIN_RE.test(domain);
}

/** A domain SES accepts as an identity (labels may carry underscores; one trailing dot tolerated). */
export function isIdentityDomain(domain: string): boolean {
  return /^(?=.{1,253}\.?$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)+\.?$/.test(
    domain,
  );
}

/** SES's own wording for a bad address (InvalidParameterValue), or undefined when it is fine. */
export function addressProblem(address: string): string | undefined {
  const at = address.lastIndexOf("@");
  if (at < 0) return "Missing final '@domain'";
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!local || !domain || !LOCAL_RE.test(local) || !isValidDomain(domain)) return "Illegal address";
  return undefined;
}

/** Splits an address-list header value on commas outside quotes and angle brackets. */
export function splitAddressList(value: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\" && quoted) {
      cur += c + (value[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "<") angle++;
    else if (!quoted && c === ">") angle = Math.max(0, angle - 1);
    if (c === "," && !quoted && angle === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Parses one mailbox ("a@b", "<a@b>", "Name <a@b>"); the address is undefined when there is none to find. */
export function parseMailbox(written: string): Mailbox {
  const text = written.trim();
  const angle = /<([^<>]*)>\s*$/.exec(text);
  const address = (angle ? angle[1] : text).trim();
  return { written: text, address };
}

export function parseMailboxList(value: string | undefined): Mailbox[] {
  if (!value) return [];
  return splitAddressList(value).map(parseMailbox);
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}
