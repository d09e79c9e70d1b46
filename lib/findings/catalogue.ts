import type { EvidenceValue, Severity } from "@/lib/findings/model";

/**
 * The finding catalogue: every code Sesame can report, with its wording — every cause and every fix a person reads
 * lives here, nowhere else. The UI, the doctor CLI, the health endpoint and docs/doctor.md read this file; probes,
 * the env linter, the DNS check and the SMTP probe only emit `{code, evidence}`, and evidence is data, never a
 * sentence. A code never changes meaning once shipped. Codes are `area.what`, lower-case, dotted.
 *
 * This module imports nothing but lib/findings/model, so lib/env, lib/dns and lib/smtp may type what they emit by it.
 *
 * `title`, `why` and `fix` contain `{placeholders}` filled from the finding's evidence (e.g. `{region}`); the type
 * `EvidenceOf<code>` below requires a value for each, so a placeholder without a value fails the type check. A
 * placeholder named in `phrases` is filled with the phrase its evidence value (a key, e.g. `likely: "swapped"`)
 * selects; phrases may contain placeholders too. Code in fix texts is written in `backticks` (shown as code).
 */
export interface FindingSpec {
  /** "pass" only for a code that says all is well (sigv4.ok: the signature is right); a problem is error, warn or info */
  severity: Severity;
  /** health-page component: credentials, permissions, region, account, quota, domain, dns, smtp, clock, env, endpoint */
  component: string;
  title: string;
  why: string;
  fix: string;
  docs?: string;
  /** lower number = fix first (input damage before identity before permissions …) */
  order: number;
  /** sentence parts chosen by an evidence value: placeholder name → evidence value → text */
  phrases?: Record<string, Record<string, string>>;
  /** the finding says its component could not be checked: health shows it as warn, never pass (docs/health.md) */
  unchecked?: true;
}

/** Shared sentence parts (see `phrases`). */
const KEY_ID_PROBLEMS = {
  lowercase: " and contains lower-case letters",
  "cut-off": " (it should be 20; it looks cut off)",
  "too-long": " (it should be 20; extra characters were pasted along)",
  prefix: ", and it does not start with AKIA or ASIA",
} as const;
const SECRET_PROBLEMS = {
  "cut-off": " (it should be 40; it looks cut off)",
  "too-long": " (it should be 40; extra characters were pasted along)",
  "bad-characters":
    " but contains characters a secret never has (URL-encoding such as %2B turns + into three characters)",
} as const;
/** Whose credentials a wizard, go-live or rotation call used (the `setup.*` codes). */
const SETUP_WHO = {
  bootstrap: "bootstrap credentials",
  "set-up": "set-up credentials",
  identity: "credentials used for the domain identity",
  given: "credentials given here",
  platform: "platform's key",
  rotation: "credentials of this rotation",
  "new-key": "new key",
} as const;
/** What that call was for. */
const SETUP_TASKS = {
  "domain-create": "create the domain identity",
  "domain-read": "read the domain's verification status",
  identify: "call STS GetCallerIdentity (who am I)",
  "create-user": "create the IAM user",
  "put-policy": "attach the platform's policy to the user",
  "create-key": "create an access key for the user",
  "role-policy": "create the managed policy for the role",
  "role-attach": "attach the platform's policy to the role",
  "production-access": "request production access in {region}",
  "events-build": "build the event loop",
  "route53-publish": "publish the records in Route 53",
  "rotate-keys": "manage the user's access keys",
  "rotate-verify": "sign in with the new key",
} as const;
const DNS_PURPOSES = {
  dkim: "DKIM for the domain",
  verification: "the domain",
  "mail-from-mx": "the MAIL FROM domain",
  "mail-from-spf": "the MAIL FROM domain",
  dmarc: "DMARC for the domain",
} as const;

/** The signature doctor's shared sentence parts: AWS's own answer, and a client mistake that reproduces the signature. */
const AWS_SAID = 'AWS answered {awsCode}: "{awsMessage}".';
const REPRODUCED = "The carried signature is reproduced when";

export const CATALOGUE = {
  // ── credentials, identity, clock, region, permissions, account, endpoint (engine core) ──────────────────
  "credentials.missing": {
    severity: "error",
    component: "credentials",
    title: "Access key or secret missing",
    why: "No {field} was found in the environment or the form, so nothing can be signed.",
    fix: "Set {field} in the platform's env file (for {target}: {varName}) and run the check again.",
    order: 10,
  },
  "credentials.whitespace": {
    severity: "error",
    component: "credentials",
    title: "Whitespace pasted along with the {field}",
    why: "The {field} has {where}. AWS compares the exact bytes, so a stray space or line break makes every signature wrong, and some env loaders keep it.",
    fix: "Delete the stray whitespace ({where}) from the {field} in the env file or form; the value itself is one unbroken token.",
    order: 11,
  },
  "credentials.quoted": {
    severity: "error",
    component: "credentials",
    title: "Quote characters are part of the {field}",
    why: "The {field} starts or ends with a quote character ({quote}). This happens when a value is quoted twice or copied from JSON; the quote becomes part of the key and the signature fails.",
    fix: "Remove the extra quote characters from the {field}: keep one pair of quotes at most, around the whole value, in the env file.",
    order: 12,
  },
  "credentials.swapped": {
    severity: "error",
    component: "credentials",
    title: "Access key id and secret are swapped",
    why: "The access key id field holds a 40-character secret and the secret field holds an AKIA/ASIA key id.",
    fix: "Swap the two values: the access key id (AKIA… or ASIA…, 20 characters) goes in {keyIdVar}, the 40-character secret in {secretVar}.",
    order: 13,
  },
  "credentials.smtp-password-as-secret": {
    severity: "error",
    component: "credentials",
    title: "An SES SMTP password was pasted as the secret access key",
    why: "The secret is 44 Base64 characters decoding to 33 bytes with version byte {version}: that is an SES SMTP password derived from a secret, not the secret itself. The API signs with the secret and fails with SignatureDoesNotMatch.",
    fix: "Use the IAM secret access key (40 characters) shown when the access key was created. If it was lost, create a new access key for the user (IAM → Users → Security credentials) and use its secret; keep the SMTP password only for SMTP settings.",
    order: 14,
  },
  "credentials.key-id-malformed": {
    severity: "error",
    component: "credentials",
    title: "Access key id is malformed",
    why: "An access key id is 20 characters: AKIA (long-term) or ASIA (temporary) followed by 16 upper-case letters and digits. This one is {length} characters{problem}.",
    fix: "Copy the access key id again from IAM → Users → Security credentials (or the CSV downloaded when the key was created); it looks like `AKIAIOSFODNN7EXAMPLE`.",
    order: 15,
    phrases: { problem: KEY_ID_PROBLEMS },
  },
  "credentials.secret-malformed": {
    severity: "error",
    component: "credentials",
    title: "Secret access key is malformed",
    why: "A secret access key is exactly 40 characters of A–Z, a–z, 0–9, + and /. This one is {length} characters{problem}.",
    fix: "Copy the secret again from where it was first shown (it is displayed only once, at creation). If it was lost, create a new access key and deactivate the old one.",
    order: 16,
    phrases: { problem: SECRET_PROBLEMS },
  },
  "credentials.key-id-nonstandard": {
    severity: "warn",
    component: "credentials",
    title: "Access key id is not in AWS's format (custom endpoint)",
    why: "An AWS access key id is 20 characters: AKIA or ASIA followed by 16 upper-case letters and digits. This one is {length} characters{problem}. The checks go to the custom endpoint {endpoint}, which may accept any key (LocalStack's test/test, moto), so this is only a warning here; real AWS would refuse it.",
    fix: "Nothing to do while the platform talks to {endpoint}. Before switching to real AWS, use an access key id from IAM → Users → Security credentials (it looks like `AKIAIOSFODNN7EXAMPLE`).",
    order: 15,
    phrases: { problem: KEY_ID_PROBLEMS },
  },
  "credentials.secret-nonstandard": {
    severity: "warn",
    component: "credentials",
    title: "Secret access key is not in AWS's format (custom endpoint)",
    why: "An AWS secret access key is exactly 40 characters of A–Z, a–z, 0–9, + and /. This one is {length} characters{problem}. The checks go to the custom endpoint {endpoint}, which may accept any secret, so this is only a warning here; real AWS would answer SignatureDoesNotMatch.",
    fix: "Nothing to do while the platform talks to {endpoint}. Before switching to real AWS, use the 40-character secret created together with the access key.",
    order: 16,
    phrases: { problem: SECRET_PROBLEMS },
  },
  "credentials.session-token-missing": {
    severity: "error",
    component: "credentials",
    title: "Temporary key without its session token",
    why: "Keys starting with ASIA are temporary STS credentials and only work together with their session token; AWS answers InvalidClientTokenId without it. They also expire within hours, so they do not suit a long-running platform.",
    fix: "Create a long-lived access key (AKIA…) for a dedicated IAM user and put it in `{keyIdVar}` and `{secretVar}`; if these temporary keys are intended, set `{tokenVar}` to their session token.",
    order: 17,
  },
  "credentials.temporary-key-unsupported": {
    severity: "error",
    component: "credentials",
    title: "{target} cannot use temporary (ASIA…) keys",
    why: "{keyId} is a temporary STS key. {target} builds its SES client from the access key id and secret only and reads no session token, so every call it makes with this key fails; temporary keys also expire within hours.",
    fix: "Create a long-lived access key for a dedicated IAM user (AKIA…) and put it in `{keyIdVar}` and `{secretVar}`.",
    order: 17,
  },
  "endpoint.unreachable": {
    severity: "error",
    component: "endpoint",
    title: "Cannot reach the {service} endpoint",
    why: "Connecting to {endpoint} failed ({errorCode}: {message}). No AWS answer was received, so nothing else about the credentials could be checked through it.",
    fix: "Check outbound HTTPS from this host to {endpoint} (firewall, proxy, DNS); if `AWS_ENDPOINT_URL` is set, make sure the server behind it is running and the URL is right.",
    order: 20,
  },
  "endpoint.timeout": {
    severity: "error",
    component: "endpoint",
    title: "The {service} endpoint did not answer in time",
    why: "{endpoint} did not answer within {timeoutMs} ms. Sesame gives every call a deadline instead of hanging.",
    fix: "Check the network path to {endpoint} (a proxy or firewall silently dropping packets looks like this); if `AWS_ENDPOINT_URL` points to a local server, check that it is healthy.",
    order: 21,
  },
  "endpoint.tls": {
    severity: "error",
    component: "endpoint",
    title: "TLS handshake with the {service} endpoint failed",
    why: "The TLS connection to {endpoint} failed ({errorCode}: {message}). A TLS-intercepting proxy, an outdated CA bundle or a wrong custom endpoint causes this.",
    fix: "Trust the proxy's CA (`NODE_EXTRA_CA_CERTS`) or bypass the proxy for AWS; for a custom endpoint use the scheme (http/https) it actually serves.",
    order: 22,
  },
  "endpoint.server-error": {
    severity: "warn",
    component: "endpoint",
    title: "The {service} endpoint returned a server error",
    why: "{endpoint} answered HTTP {status} ({errorCode}). This is on the service side, and results depending on that call are missing.",
    fix: "Retry in a minute; if it persists, check the AWS Health Dashboard for {service} in {region} (or the logs of the server behind `AWS_ENDPOINT_URL`).",
    order: 23,
  },
  "endpoint.throttled": {
    severity: "warn",
    component: "endpoint",
    title: "Requests to {service} are being throttled",
    why: "{endpoint} answered {errorCode}: {message}. Too many calls are made with these credentials or this account right now.",
    fix: "Retry in a minute; if the platform also throttles while sending, lower its send rate to the account's maximum send rate or request a higher quota.",
    order: 24,
  },
  "endpoint.not-aws": {
    severity: "error",
    component: "endpoint",
    title: "{endpoint} does not answer like AWS {service}",
    why: "{service} {operation} at {endpoint} got {answer}{contentTypeText}, not an AWS protocol answer{bodyText}. Nothing it says can be trusted, so the credentials are unverified and no other check was derived from it.",
    fix: "Point the endpoint at AWS {service} or a server that implements it: check `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_{serviceUpper}`), a proxy in between, or a captive portal; without a custom endpoint, check this host's outbound HTTPS.",
    order: 19,
    phrases: {
      answer: {
        "html-ok": "HTTP {status} with an HTML page",
        "ok-unparsed": "HTTP {status} with a body the AWS SDK could not read",
        "not-found": "HTTP {status} (no such operation or path)",
        "not-implemented": "HTTP {status} (not implemented)",
        "client-error": "HTTP {status} without an AWS error code",
      },
      contentTypeText: { known: " (Content-Type {contentType})", unknown: "" },
      bodyText: { known: ": “{bodyStart}”", unknown: "" },
    },
  },
  "endpoint.credentials-unverified": {
    severity: "error",
    component: "endpoint",
    title: "The credentials were not verified: {service} {answer}",
    why: "{service} GetCallerIdentity at {endpoint} was answered {errorCode} (HTTP {status}), so AWS never said whether the key and secret are valid. Until it does, no check that depends on them means anything.",
    fix: "{remedy}",
    order: 18,
    phrases: {
      answer: { "server-error": "answered with a server error", throttled: "throttled the check" },
      remedy: {
        "server-error":
          "Run the check again in a minute; if it keeps failing, check the AWS Health Dashboard for {service} (or the server behind `AWS_ENDPOINT_URL`).",
        throttled:
          "Run the check again in a minute, when fewer calls are made with this account; if it keeps being throttled, find what else calls {service} with these credentials.",
      },
    },
  },
  "endpoint.unexpected-error": {
    severity: "warn",
    component: "endpoint",
    title: "Unexpected answer from {service}",
    why: "{service} {operation} failed with {errorCode} (HTTP {status}): {message}",
    fix: "Check the message above; if the endpoint is not AWS itself (`AWS_ENDPOINT_URL`), it may not implement {operation}.",
    order: 25,
  },
  "clock.skew-fatal": {
    severity: "error",
    component: "clock",
    title: "System clock is off by {skewText}",
    why: 'AWS signatures are only accepted within {windowMinutes} minutes of AWS\'s own time; this host\'s clock differs from the Date header AWS sent by {skewSeconds} s. AWS reports this as "Signature expired" (or "not yet current"), which looks like a credentials problem but is not.',
    fix: "Synchronise the clock: enable NTP (e.g. `timedatectl set-ntp true`, or chrony/systemd-timesyncd), and in containers fix the host's clock. The credentials themselves may be fine.",
    order: 30,
  },
  "clock.skew": {
    severity: "warn",
    component: "clock",
    title: "System clock is off by {skewText}",
    why: "This host's clock differs from AWS's Date header by {skewSeconds} s. SES rejects signatures more than 5 minutes off, so the margin is shrinking.",
    fix: "Enable time synchronisation (NTP: `timedatectl set-ntp true`, chrony or systemd-timesyncd) before the drift reaches 5 minutes.",
    order: 31,
  },
  "credentials.unknown-key": {
    severity: "error",
    component: "credentials",
    title: "AWS does not recognise access key {keyId}",
    why: "AWS answered InvalidClientTokenId: the key id does not exist, was deleted, is inactive, or belongs to another partition (e.g. GovCloud/China). Request id {requestId}.",
    fix: "In IAM → Users → Security credentials check that {keyId} exists and is Active; if not, create a new access key for the sending user and update the env file.",
    order: 40,
  },
  "credentials.wrong-secret": {
    severity: "error",
    component: "credentials",
    title: "Secret access key does not match key {keyId}",
    why: "AWS knows the key id but the signature made with the secret does not match (SignatureDoesNotMatch). Likely cause: {likelyCause}. Request id {requestId}.",
    fix: "{likelyFix}",
    order: 41,
    phrases: {
      likelyCause: {
        "smtp-password-as-secret": "an SES SMTP password was pasted instead of the secret access key",
        "secret-malformed": "the secret is damaged (see the malformed-secret finding)",
        "secret-nonstandard":
          "the secret is not in AWS's format (see the secret-format finding) and the endpoint does not accept it",
        swapped: "the values were swapped and, even un-swapped, the secret does not belong to this key",
        other:
          "the secret belongs to another access key, was rotated, or was copied incompletely (secrets with + or / are often damaged by URL-encoding)",
      },
      likelyFix: {
        "smtp-password-as-secret":
          "Put the 40-character secret access key of {keyId} in place of the SMTP password (create a new access key if the secret was lost).",
        "secret-malformed":
          "Copy the 40-character secret of {keyId} again, exactly; if it was lost, create a new access key.",
        "secret-nonstandard": "Use the secret the endpoint issued together with {keyId}.",
        swapped: "Use the secret that was created together with {keyId}.",
        other:
          "Copy the secret that was created together with {keyId}; if it is lost, create a new access key and deactivate the old one.",
      },
    },
  },
  "credentials.expired-token": {
    severity: "error",
    component: "credentials",
    title: "The session token has expired",
    why: "The credentials are temporary (ASIA… with a session token) and AWS answered ExpiredToken. Temporary credentials stop working after at most a few hours.",
    fix: "Use a long-term access key (AKIA…) of a dedicated IAM user for the platform; temporary credentials are only fit for the one-off bootstrap.",
    order: 42,
  },
  "credentials.smtp-console-user": {
    severity: "error",
    component: "credentials",
    title: "These keys belong to an SES console SMTP user",
    why: 'The key belongs to {userName}, a user created by the SES console\'s "Create SMTP credentials". Its policy allows only ses:SendRawEmail, so {target} cannot verify domains, read quotas or send through the API with it; the missing permissions below follow from this.',
    fix: "Create a dedicated IAM user for {target} with the policy Sesame generates (Setup → IAM user) and use its access key instead.",
    order: 39,
  },
  "region.missing": {
    severity: "error",
    component: "region",
    title: "No SES region configured",
    why: "SES is regional: identities, sandbox state, quotas and the SMTP host all depend on the region, and none was set.",
    fix: "Set `{varName}` to the region where the domain is verified (e.g. `us-east-1`, `eu-west-1`).",
    order: 50,
  },
  "region.unknown": {
    severity: "error",
    component: "region",
    title: '"{region}" is not an AWS region',
    why: "The configured region is not one AWS has{suggestionText}.",
    fix: "Set `{varName}` to a valid SES region code{suggestionFix} (list: https://docs.aws.amazon.com/general/latest/gr/ses.html).",
    order: 51,
    phrases: {
      suggestionText: { suggested: "; did you mean {suggestion}?", none: "" },
      suggestionFix: { suggested: " such as `{suggestion}`", none: "" },
    },
  },
  "region.no-ses": {
    severity: "error",
    component: "region",
    title: "SES is not offered in {region}",
    why: "{region} is an AWS region, but Amazon SES has no endpoint there.",
    fix: "Use {nearest}, the nearest SES region to {region}: set the platform's region to it and verify the domain there.",
    order: 52,
  },
  "region.no-smtp": {
    severity: "error",
    component: "region",
    title: "SES has no SMTP endpoint in {region}",
    why: "SES offers its API in {region} but no SMTP interface (email-smtp.{region}.amazonaws.com does not exist), so an SMTP-only platform cannot send from there.",
    fix: "Use {nearest}, the nearest SES region with SMTP: verify the domain there and derive the SMTP password for it.",
    order: 53,
  },
  "region.smtp-unconfirmed": {
    severity: "warn",
    component: "region",
    title: "SMTP availability in {region} is unconfirmed",
    why: "Public reports disagree on whether SES offers SMTP in {region}.",
    fix: "Check that email-smtp.{region}.amazonaws.com resolves from this host before relying on it; otherwise pick another SES region.",
    order: 54,
  },
  "region.scope-rejected": {
    severity: "error",
    component: "region",
    title: "The endpoint rejects the signing region {region}",
    why: '{endpoint} answered "{message}": requests are signed for {region}, but the endpoint expects another region in the credential scope.',
    fix: "Make the region match the endpoint: set the region the endpoint serves, or point `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_{serviceUpper}`) at the endpoint of {region}.",
    order: 55,
  },
  "region.identity-in-other-region": {
    severity: "error",
    component: "region",
    title: "{identity} is verified in {otherRegions}, not in {region}",
    why: 'SES identities are per region. {identity} is {statusHere} in the configured region {region} but verified in {otherRegions}, so sends from {region} are rejected as "Email address is not verified".',
    fix: "Either set the platform's region to {firstOtherRegion} (where the identity is verified, and where its sandbox state applies), or verify {identity} in {region} too.",
    order: 56,
  },
  "permissions.missing": {
    severity: "error",
    component: "permissions",
    title: "Missing permissions: {actions}",
    why: "{target} needs {actions}, which the policies of {principal} do not allow (checked by {method}). Calls needing them fail with AccessDenied.",
    fix: "Attach the least-privilege policy for {target} that Sesame generates (Setup → IAM user → Policy JSON) to {principal}, or add these actions to its policy: {actions}.",
    order: 60,
  },
  "permissions.too-broad": {
    severity: "warn",
    component: "permissions",
    title: "The key can do more than sending mail: {actions}",
    why: "A key stored in a platform's env file should only send mail. {principal} is also allowed {actions}; if the env file leaks, the key can be used for that too.",
    fix: "Replace broad policies (AdministratorAccess, AmazonSESFullAccess, ses:*, iam:*) on {principal} with the least-privilege policy for {target} that Sesame generates.",
    order: 61,
  },
  "permissions.unverified": {
    severity: "info",
    component: "permissions",
    unchecked: true,
    title: "Some permissions could not be checked: {actions}",
    why: "The key may not call iam:SimulatePrincipalPolicy{reason}, and these actions have no harmless call to try them with.",
    fix: "Prove them with a test send to the SES mailbox simulator: `npm run -s doctor -- --send --from {fromExample}` (an address of a domain verified in the region), or the wizard's Test send step.",
    order: 62,
    phrases: {
      reason: {
        "read-only": " (and read-only mode forbids test sends)",
        "no-from": " (and no From address was given for a test send)",
        none: "",
      },
    },
  },
  "permissions.send-not-checked": {
    severity: "info",
    component: "permissions",
    unchecked: true,
    title: "Sending permission not checked: no domain given",
    why: "The policies of {principal} do not allow {actions} for every identity (checked by {method}). A least-privilege policy narrows sending to the identities {target} sends from, and without a domain Sesame cannot tell which one that is.",
    fix: "Check again with the sending domain (`--domain example.com`, or the wizard's Domain step), or prove it with a test send (`npm run -s doctor -- --send --from you@example.com`).",
    order: 62,
  },
  "account.sending-disabled": {
    severity: "error",
    component: "account",
    title: "Sending is paused for the account in {region}",
    why: "SES reports SendingEnabled false in {region}{enforcement}: AWS (or an administrator) paused sending, usually after high bounce or complaint rates.",
    phrases: { enforcement: { reported: " (enforcement status {enforcementStatus})", none: "" } },
    fix: "Open the SES console → Account dashboard in {region} to see the reason and the review case; after fixing the cause, ask AWS Support to re-enable sending (or call UpdateAccountSendingEnabled if you paused it yourself).",
    order: 70,
  },
  "account.sandbox": {
    severity: "warn",
    component: "account",
    title: "The SES account in {region} is in the sandbox",
    why: "In the sandbox SES only delivers to verified addresses and the mailbox simulator, at most {max24HourSend} messages per 24 h and {maxSendRate} per second (detected by {method}). Sandbox state is per region: production access elsewhere does not count.",
    fix: "Request production access for {region}: SES console → Account dashboard → Request production access (or `aws sesv2 put-account-details --region {region} --production-access-enabled --mail-type TRANSACTIONAL --website-url URL`). Until then, verify every recipient.",
    order: 71,
  },
  "account.production-in-other-region": {
    severity: "warn",
    component: "account",
    title: "Production access exists in {productionRegions}, not in {region}",
    why: "Sandbox state is per region: this account left the sandbox in {productionRegions}, but the platform sends from {region}, where only verified recipients get mail.",
    fix: "Either point the platform at {firstProductionRegion} (and verify the domain there), or request production access for {region} as well.",
    order: 72,
  },
  "account.sandbox-recipient-unverified": {
    severity: "error",
    component: "account",
    title: "{to} cannot receive mail from {region} while the account is in the sandbox",
    why: 'The SES account in {region} is in the sandbox, where SES accepts only verified recipients (and the mailbox simulator). Neither {to} nor its domain {toDomain} is verified in {region} (status: {statusHere}); the first send to it would fail with MessageRejected "Email address is not verified".',
    fix: "Verify {to} in {region} (SES console → Identities → Create identity → Email address, then click the link AWS mails to it), or test with success@simulator.amazonses.com; for real recipients, request production access for {region}.",
    order: 72,
  },
  "send.test-rejected": {
    severity: "error",
    component: "account",
    title: "SES refused the test message to {to}",
    why: "A test send from {from} to {to} in {region} ({operation}, asked for with `--send`) was answered {errorCode}: {message}. {cause}",
    fix: "{remedy}",
    order: 85,
    phrases: {
      cause: {
        "sender-unverified": "The From address {from} (or its domain) is not a verified identity in {region}.",
        "recipient-unverified":
          "The account is in the sandbox in {region}, and the recipient {to} is not verified there.",
        "not-authorized": "The key's policy does not allow the send action SES named.",
        "sending-paused": "Sending is paused for the account in {region}.",
        "quota-exceeded": "The account's 24-hour sending quota in {region} is used up.",
        other: "This is the answer the platform's first send would get.",
      },
      remedy: {
        "sender-unverified":
          "Verify the domain of {from} in {region} (Sesame's Domain step), or send from an address of a domain verified there, then run the doctor with `--send` again.",
        "recipient-unverified":
          "Send the test to `success@simulator.amazonses.com`, verify {to} in {region}, or request production access for {region}.",
        "not-authorized":
          "Add the action SES named to the key's policy (Sesame's least-privilege policy has it), then send again.",
        "sending-paused":
          "Open the SES console → Account dashboard in {region} to see why sending is paused, and ask AWS Support to re-enable it.",
        "quota-exceeded":
          "Wait until the oldest sends leave the 24-hour window, or request a higher quota for {region}.",
        other: "Act on SES's message above, then run the doctor with `--send` again.",
      },
    },
  },
  "send.throttled": {
    severity: "warn",
    component: "account",
    title: "SES throttled the test send to {to}",
    why: "The {via} send from {from} in {region} was answered {response}: the account's maximum send rate ({maxSendRate} per second) was exceeded. This is about speed, not about the sender or the recipient.",
    fix: "Wait a second and send again; a platform sending in bulk must stay under {maxSendRate} messages per second in {region} (or request a higher sending rate).",
    order: 84,
  },
  "send.test-sent": {
    severity: "info",
    component: "account",
    title: "Test message accepted by SES for {to}",
    why: "A test send from {from} to {to} in {region} ({operation}) was accepted with message id {messageId}. SES accepting a message is not delivery: bounces and complaints arrive later.",
    fix: "Nothing to fix. Check the inbox of {to} (and its spam folder) to see the message arrive.",
    order: 86,
  },
  "account.quota-nearly-used": {
    severity: "warn",
    component: "account",
    title: "{percent}% of the 24-hour sending quota is used in {region}",
    why: '{sentLast24Hours} of {max24HourSend} messages were sent in the last 24 hours; beyond the quota SES rejects sends with "Daily message quota exceeded".',
    fix: "Slow down sending or request a higher sending quota for {region} (Service Quotas → Amazon SES → Sending quota).",
    order: 72,
  },
  "identity.missing": {
    severity: "error",
    component: "domain",
    title: "{identity} is not an SES identity in {region}",
    why: "SES only sends from verified identities (a domain or an address) of the region in use; {identity} was not found in {region}.",
    fix: "Create the identity in {region}: Sesame's Domain step (Easy DKIM), or SES console → Identities → Create identity, then publish the DNS records it shows.",
    order: 80,
  },
  "identity.failed": {
    severity: "error",
    component: "domain",
    title: "Verification of {identity} failed in {region}",
    why: "SES looked for the verification records for 72 hours and did not find them (status {status}); it has stopped looking.",
    fix: "Publish the DKIM CNAME records exactly as shown (see the DNS findings), then restart verification: delete and re-create the identity in {region} or use Sesame's Domain step.",
    order: 81,
  },
  "identity.pending": {
    severity: "warn",
    component: "domain",
    title: "{identity} is still pending verification in {region}",
    why: "SES has not yet seen the verification records (status {status}). It checks for 72 hours before giving up; sending from it fails until then.",
    fix: "Publish the DNS records shown in the Domain step (3 DKIM CNAMEs) at the DNS provider of {identity}; SES picks them up within minutes once they resolve publicly.",
    order: 82,
  },
  "identity.not-checked": {
    severity: "info",
    component: "domain",
    unchecked: true,
    title: "The state of {identity} in {region} could not be read",
    why: "Both SESv2 GetEmailIdentity and SES GetIdentityVerificationAttributes were refused ({errorCode}), so Sesame cannot tell whether {identity} is verified in {region}.",
    fix: "Allow `ses:GetIdentityVerificationAttributes` and `ses:GetIdentityDkimAttributes` (or `ses:GetEmailIdentity`) for the platform's user; the platforms use them to show domain status too.",
    order: 84,
  },
  "identity.dkim-not-verified": {
    severity: "warn",
    component: "domain",
    title: "DKIM for {identity} is {dkimStatus}",
    why: "SES signs mail with DKIM only after it has found the three CNAME records <token>._domainkey.{identity}; without DKIM, mail is less trusted and DMARC may fail.",
    fix: "Publish the three DKIM CNAME records (token._domainkey.{identity} → token.dkim.amazonses.com) exactly as the Domain step shows them; see the DNS findings for what is wrong with the current ones.",
    order: 83,
  },
  "account.not-checked": {
    severity: "info",
    component: "account",
    unchecked: true,
    title: "Sandbox state in {region} could not be read",
    why: "Both SESv2 GetAccount and SES GetSendQuota were refused ({errorCode}), so the sandbox and quota state is unknown.",
    fix: "Allow `ses:GetAccount` (or `ses:GetSendQuota`) for the platform's user; the platforms use it too, e.g. to pick a send rate.",
    order: 73,
  },

  // ── env, dns, smtp (env/dns/smtp libraries) ─────────────────────────────────────────────────────────────
  "env.legacy-name": {
    severity: "warn",
    component: "env",
    title: "{name} is not read by {target}",
    why: "The env file sets {name}, but {target} reads {expected}. Old Plunk v1 names in a v2 env, useSend's legacy AWS_SECRET_KEY or a guessed SES_REGION are silently ignored, so the platform runs without the value.",
    fix: "Rename `{name}` to `{expected}` (Sesame can write `{expected}` and comment out `{name}` for you), then restart the platform.",
    order: 60,
  },
  "env.missing-var": {
    severity: "error",
    component: "env",
    title: "{name} is not set",
    why: "{target} needs {name} and the env file does not define it (or leaves it empty).",
    fix: "Add `{name}` to the env file (the setup wizard writes it), then restart the platform.",
    order: 61,
  },
  "env.key-secret-swapped": {
    severity: "error",
    component: "env",
    title: "{accessKeyVar} and {secretVar} hold each other's values",
    why: "{accessKeyVar} holds a 40-character secret and {secretVar} holds an AKIA/ASIA access key id.",
    fix: "Swap the two values in the env file: the access key id goes in {accessKeyVar}, the secret in {secretVar}.",
    order: 62,
  },
  "env.secret-as-smtp-password": {
    severity: "error",
    component: "env",
    title: "{name} holds an IAM secret, not an SMTP password",
    why: "{name} is a 40-character secret access key ({value}). SES SMTP does not accept the secret itself; it expects a 44-character password derived from it for one region.",
    fix: "Derive the SMTP password from the secret for your region (Sesame's SMTP password tool or `npm run -s smtp-password -- SECRET REGION`) and put that in `{name}`.",
    order: 63,
  },
  "env.smtp-password-v2": {
    severity: "error",
    component: "env",
    title: "{name} holds a legacy (version 2) SMTP password",
    why: '{name} ({value}) was made with the pre-2019 algorithm. SES has rejected version 2 passwords since 2021 with 535 "Signature Version 2 is deprecated".',
    fix: "Derive a current password from the IAM secret for your region (`npm run -s smtp-password -- SECRET REGION`) and put it in `{name}`.",
    order: 64,
  },
  "env.unquoted-hash": {
    severity: "error",
    component: "env",
    title: "{name} contains an unquoted #",
    why: 'dotenv ends an unquoted value at the first #, docker compose only at " #": the platform may read just the first {keptChars} characters of {name}.',
    fix: "Put the value of `{name}` in single quotes: `{name}='…'`.",
    order: 65,
  },
  "env.dollar-interpolation": {
    severity: "error",
    component: "env",
    title: "{name} contains a $ that docker compose will expand",
    why: "In an unquoted or double-quoted value, docker compose treats $ followed by a name as a variable and substitutes it, so {name} arrives changed.",
    fix: "Put the value of `{name}` in single quotes: `{name}='…'`.",
    order: 66,
  },
  "env.value-whitespace": {
    severity: "error",
    component: "env",
    title: "{name} has leading or trailing whitespace",
    why: "The quoted value of {name} keeps the spaces or tabs around it ({length} characters in all); AWS compares exact bytes.",
    fix: "Remove the whitespace inside the quotes of {name}.",
    order: 67,
  },
  "env.value-quoted": {
    severity: "error",
    component: "env",
    title: "Quote characters are part of {name}",
    why: "After parsing, {name} still starts and ends with {quote}: the value was quoted twice, so the quotes become part of it.",
    fix: "Keep one pair of quotes at most around the value of {name}.",
    order: 68,
  },
  "env.bad-region": {
    severity: "error",
    component: "env",
    title: "{name} is not a region code",
    why: '{name} is "{value}"; AWS expects a region code such as eu-west-1.',
    fix: "Set `{name}` to the region code where your domain is verified in SES, e.g. `eu-west-1`.",
    order: 69,
  },
  "env.duplicate-var": {
    severity: "warn",
    component: "env",
    title: "{name} is defined {count} times",
    why: "Only the last definition counts; editing an earlier one changes nothing, which makes fixes look like they failed.",
    fix: "Keep one definition of {name} and delete the others.",
    order: 70,
  },
  "env.crlf": {
    severity: "warn",
    component: "env",
    title: "The env file has Windows line endings",
    why: "{lines} lines end in CRLF. dotenv and docker compose cope, but shells (`source`, `export $(cat …)`) keep the carriage return inside each value.",
    fix: "Convert the file to LF line endings (e.g. `sed -i 's/\\r$//' FILE` or your editor's line-ending setting).",
    order: 71,
  },
  "dns.record-missing": {
    severity: "error",
    component: "dns",
    title: "{type} record {name} not found",
    why: "Sesame's lookup of {name} found no {type} record; SES cannot verify {purpose} until it exists.",
    fix: "Create a {type} record named `{name}` with the value `{expected}` at your DNS provider; changes can take minutes to propagate.",
    phrases: { purpose: DNS_PURPOSES },
    order: 80,
  },
  "dns.wrong-value": {
    severity: "error",
    component: "dns",
    title: "{type} record {name} has the wrong value",
    why: "{name} answers {found}, but SES expects {expected}.",
    fix: "Edit the {type} record `{name}` so its value is exactly `{expected}`.",
    order: 81,
  },
  "dns.doubled-domain": {
    severity: "error",
    component: "dns",
    title: "Record created at {foundAt} (zone name doubled)",
    why: "The record exists at {foundAt} instead of {name}: the DNS provider appends the zone name to whatever is typed, so the full name was doubled.",
    fix: "At your DNS provider, enter only `{relative}` (the part before your domain) as the record name.",
    order: 82,
  },
  "dns.proxied-cname": {
    severity: "error",
    component: "dns",
    title: "{name} answers with an address instead of a CNAME",
    why: "{name} returns A/AAAA records ({addresses}) where SES needs a CNAME. Cloudflare does this when the record is proxied (orange cloud) or flattened.",
    fix: "Set the record `{name}` to DNS only (grey cloud) so it answers with the CNAME `{expected}`.",
    order: 83,
  },
  "dns.cname-mx-conflict": {
    severity: "error",
    component: "dns",
    title: "MAIL FROM name {name} already has a CNAME",
    why: "{name} is a CNAME to {cname}. A name with a CNAME cannot also hold the MX and SPF records SES needs for a custom MAIL FROM domain.",
    fix: "Remove the CNAME at `{name}`, or choose another MAIL FROM subdomain (Plunk: `MAIL_FROM_SUBDOMAIN`) and publish its MX and TXT records.",
    order: 84,
  },
  "dns.mx-missing": {
    severity: "warn",
    component: "dns",
    title: "MAIL FROM MX record {name} missing",
    why: "The custom MAIL FROM domain {name} has no MX pointing to {host}. SES then falls back to amazonses.com (SPF not aligned with your domain), or rejects mail if configured to.",
    fix: "Create an MX record named `{name}` with priority {priority} and mail server `{host}`.",
    order: 85,
  },
  "dns.spf-missing": {
    severity: "warn",
    component: "dns",
    title: "MAIL FROM SPF record {name} missing",
    why: "{name} has no SPF TXT record including amazonses.com, so receivers cannot authorise SES for your MAIL FROM domain.",
    fix: "Create a TXT record named `{name}` with the value `{expected}`.",
    order: 86,
  },
  "dns.dmarc-missing": {
    severity: "warn",
    component: "dns",
    title: "No DMARC record for {domain}",
    why: "{name} has no v=DMARC1 TXT record. Mail still sends, but large mailbox providers expect DMARC from bulk senders.",
    fix: "Create a TXT record named `{name}` with the value `{expected}` (start with p=none, tighten later).",
    order: 87,
  },
  "dns.lookup-failed": {
    severity: "warn",
    component: "dns",
    title: "DNS lookup of {name} failed",
    why: "Looking up {type} {name} failed with {error}, so Sesame cannot tell whether the record is right.",
    fix: "Check that the DNS server ({server}) is reachable and answers for your domain, then run the check again.",
    order: 88,
  },
  "dns.mail-from-not-checked": {
    severity: "info",
    component: "dns",
    unchecked: true,
    title: "MAIL FROM records of {domain} were not checked",
    why: "{reason}",
    fix: "{remedy}",
    order: 89,
    phrases: {
      reason: {
        "attributes-refused":
          "SES refused GetIdentityMailFromDomainAttributes ({errorCode}) and {target} has no fixed MAIL FROM subdomain, so Sesame does not know which name to look up.",
        "attributes-unread":
          "The MAIL FROM attributes of {domain} could not be read ({errorCode}) and {target} has no fixed MAIL FROM subdomain, so Sesame does not know which name to look up.",
      },
      remedy: {
        "attributes-refused":
          "Allow `ses:GetIdentityMailFromDomainAttributes` for the platform's user, or check the MX and SPF records of the MAIL FROM domain by hand.",
        "attributes-unread":
          "Run the check again; if it persists, check the MX and SPF records of the MAIL FROM domain by hand.",
      },
    },
  },
  "smtp.region-no-smtp": {
    severity: "error",
    component: "smtp",
    title: "SES has no SMTP endpoint in {region}",
    why: "{region} offers the SES API but no SMTP interface, so email-smtp.{region}.amazonaws.com does not exist.",
    fix: "Use an SMTP region where your domain is verified (e.g. `eu-west-1`, `us-east-1`) and derive the SMTP password for that region.",
    order: 90,
  },
  "smtp.unreachable": {
    severity: "error",
    component: "smtp",
    title: "Cannot connect to {host}:{port}",
    why: "The connection failed ({error}). Typical causes: a wrong host, the port blocked by the hosting provider or a firewall (port 25 is throttled on EC2).",
    fix: "Check `SMTP_HOST` and the port; if your host blocks this port, use 587 or 2587 (STARTTLS) or 465 or 2465 (TLS).",
    order: 91,
  },
  "smtp.timeout": {
    severity: "error",
    component: "smtp",
    title: "SMTP {stage} timed out at {host}:{port}",
    why: "No answer within {timeoutMs} ms during {stage}. Outbound SMTP ports are often silently dropped by hosting providers.",
    fix: "Allow outbound traffic to {host} on port {port}, or switch to port 2587/2465.",
    order: 92,
  },
  "smtp.tls-failed": {
    severity: "error",
    component: "smtp",
    title: "TLS with {host}:{port} failed",
    why: "The TLS handshake failed ({error}). SES requires TLS: STARTTLS on 25/587/2587, TLS from the first byte on 465/2465; mixing them up fails here.",
    fix: "Use STARTTLS (secure: false) with 587/2587 and implicit TLS (secure: true) with 465/2465, and make sure nothing intercepts TLS.",
    order: 93,
  },
  "smtp.auth-failed": {
    severity: "error",
    component: "smtp",
    title: "SMTP login rejected by {host}",
    why: "The server answered {response}. Likely cause: {likelyCause}.",
    fix: "{likelyFix}",
    order: 94,
    phrases: {
      likelyCause: {
        "secret-as-password": "the IAM secret access key was used as the SMTP password",
        "legacy-v2-password": "the password uses the retired version 2 algorithm",
        "user-not-access-key-id":
          "the SMTP user name is not an access key id (AKIA…); SES does not accept IAM user names there",
        "temporary-key": "temporary (ASIA) credentials cannot make SMTP passwords",
        "key-inactive-or-no-permission":
          "the password is right for {region}, so the access key is inactive or deleted, or its user may not call ses:SendRawEmail",
        "password-for-other-region":
          "the password was derived for {passwordRegion}, but this endpoint is {region}; SMTP passwords are per region",
        "password-not-from-secret":
          "the password was not derived from this secret (a rotated key, or a password copied from elsewhere)",
        unknown: "a wrong or outdated password, an inactive access key, or a user without ses:SendRawEmail",
      },
      likelyFix: {
        "secret-as-password":
          "Derive the SMTP password from the IAM secret for {region} (`npm run -s smtp-password -- SECRET {region}`) and use it with the access key id as user name.",
        "legacy-v2-password":
          "Derive the SMTP password from the IAM secret for {region} (`npm run -s smtp-password -- SECRET {region}`) and use it with the access key id as user name.",
        "user-not-access-key-id": "Use the access key id (AKIA…, 20 characters) as the SMTP user name.",
        "temporary-key":
          "Create a long-lived access key (AKIA…) for a dedicated IAM user and derive the SMTP password from its secret.",
        "key-inactive-or-no-permission":
          "Check that the access key is Active and that the user's policy allows `ses:SendRawEmail`.",
        "password-for-other-region":
          "Derive the SMTP password for {region} (`npm run -s smtp-password -- SECRET {region}`), or point the platform at `email-smtp.{passwordRegion}.amazonaws.com`.",
        "password-not-from-secret":
          "Derive the SMTP password from the IAM secret for {region} (`npm run -s smtp-password -- SECRET {region}`) and use it with the access key id as user name.",
        unknown:
          "Derive the SMTP password from the IAM secret for {region} (`npm run -s smtp-password -- SECRET {region}`) and check that the key is Active and allowed `ses:SendRawEmail`.",
      },
    },
  },
  "account.production-access-pending": {
    severity: "info",
    component: "account",
    title: "Production access requested in {region}: under review",
    why: "A request to leave the sandbox in {region} was filed (SESv2 PutAccountDetails) and AWS is reviewing it (case {caseId}). Until it is granted the sandbox rules apply.",
    fix: "Nothing to do but wait (usually about a day) and answer the case {caseId} in the AWS Support Center if AWS asks questions.",
    docs: "docs/wizard.md",
    order: 71,
  },
  "account.production-access-denied": {
    severity: "warn",
    component: "account",
    title: "Production access in {region} was denied",
    why: "AWS denied the request to leave the sandbox in {region} (case {caseId}). A new PutAccountDetails request is refused with a conflict while the case stands.",
    fix: "Reply to case {caseId} in the AWS Support Center: explain how recipients opt in, how bounces and complaints are handled and how they unsubscribe, and ask for a new review.",
    docs: "docs/wizard.md",
    order: 71,
  },
  "account.production-access-failed": {
    severity: "warn",
    component: "account",
    title: "The production access request in {region} could not be processed",
    why: "AWS marked the review of the request to leave the sandbox in {region} as FAILED (case {caseId}), usually because details were missing.",
    fix: "Open case {caseId} in the AWS Support Center to see what AWS needs, and answer there.",
    docs: "docs/wizard.md",
    order: 71,
  },
  "credentials.chain-empty": {
    severity: "error",
    component: "credentials",
    title: "The AWS default credential chain gave no credentials",
    why: "No key is configured for {target}, so the AWS SDK looks for one in order: environment variables, shared config files, web identity (IRSA), the ECS container endpoint, EC2 instance metadata. None answered here: {error}.",
    fix: "Attach a role with the platform's policy to where {target} runs (EC2 instance profile, ECS task role or an IRSA service account: the wizard's IAM step shows the trust policy for each), or write an access key into the env file. Sesame checks with the chain of the host it runs on itself: run it where {target} runs (the same instance, task or service account) so it finds the same role.",
    docs: "docs/health.md",
    order: 10,
  },
  "credentials.chain-not-supported": {
    severity: "error",
    component: "credentials",
    title: "{target} cannot run on a role: it needs a stored access key",
    why: "No key is configured, but {target} reads its key only from {keyIdVar} and {secretVar} and hands it to SES itself, so an instance role, ECS task role or IRSA on the host never reaches it.",
    fix: "Create an IAM user and key for {target} (wizard step 2) and write it to the env file. Roles without keys work for useSend and AWS SDK apps.",
    docs: "docs/health.md",
    order: 10,
  },
  "credentials.from-chain": {
    severity: "info",
    component: "credentials",
    title: "Credentials come from the AWS default credential chain ({kind})",
    why: "No key is stored in the env file: {target} uses what the SDK's default chain finds on this host (an instance role, ECS task role, IRSA or the environment). Sesame checked with the same chain.",
    fix: "Nothing to do. Keep the role's policy limited to what {target} needs (the wizard's IAM step shows it).",
    docs: "docs/health.md",
    order: 10,
  },
  "smtp.ports-blocked": {
    severity: "warn",
    component: "smtp",
    title: "SMTP ports {blocked} do not work from this host",
    why: "Sesame tried SES's SMTP endpoint on 25, 587, 2587 (STARTTLS) and 465, 2465 (TLS from the first byte) at once: {matrix}. Hosting providers often drop outbound SMTP ports (25 almost always on cloud hosts); a TLS failure means something on the path intercepts TLS.",
    fix: "Use port {recommendedPort} with {recommendedTls}: {recommendedSettings}. Or ask the hosting provider to open the blocked ports.",
    docs: "docs/health.md",
    order: 95,
  },
  "smtp.ports-none": {
    severity: "error",
    component: "smtp",
    title: "No SES SMTP port works from this host",
    why: "Every SES SMTP port failed from here: {matrix}. Outbound SMTP is blocked (or intercepted) on this host's network, so no SMTP app here can send through SES.",
    fix: "Ask the hosting provider to allow outbound TCP to {host} on 587 or 2587 (or 465/2465), or send through the SES API over HTTPS instead.",
    docs: "docs/health.md",
    order: 95,
  },
  "smtp.port-configured-blocked": {
    severity: "error",
    component: "smtp",
    title: "The configured SMTP port {port} does not work from this host",
    why: "The platform is set to port {port}, which {outcome} from here, while port {recommendedPort} works.",
    fix: "Set {recommendedSettings} in the platform's configuration and restart it.",
    docs: "docs/health.md",
    order: 95,
  },
  // ── health (post-deploy checks of the deployed configuration) ─────────────────────────────────────────────
  "credentials.key-age": {
    severity: "info",
    component: "keyAge",
    title: "Access key is {ageDays} days old",
    why: "{ageNote}",
    phrases: {
      ageNote: {
        young: "Younger than the {maxAgeDays}-day rotation limit.",
      },
    },
    fix: "Nothing to do until the key is {maxAgeDays} days old; then rotate it with Sesame ({rotatePath}).",
    order: 110,
  },
  "credentials.key-temporary": {
    severity: "info",
    component: "keyAge",
    title: "Temporary credentials: no stored key to age",
    why: "{accessKeyId} is an ASIA key from STS (a role, an instance or a session): it expires on its own and the SDK fetches a new one, so there is no key age to watch.",
    fix: "Nothing to rotate. If a long-term key is configured somewhere too, remove it so that the role is what the platform uses.",
    order: 110,
  },
  "credentials.key-old": {
    severity: "warn",
    component: "keyAge",
    title: "Access key is {ageDays} days old",
    why: "Keys older than {maxAgeDays} days should be rotated; a leaked old key keeps working until it is deleted.",
    fix: "Rotate it with Sesame ({rotatePath}): create a second key, write it to the env file, verify it, then deactivate and delete the old one.",
    order: 111,
  },
  "credentials.key-age-unknown": {
    severity: "info",
    component: "keyAge",
    unchecked: true,
    title: "Key age unknown",
    why: "The key may not read its own metadata (iam:ListAccessKeys), so Sesame cannot tell how old it is ({reason}).",
    fix: "To see the age, allow the user to read its own keys with this inline policy: {selfReadPolicy}",
    order: 112,
  },
  "endpoint.health-timeout": {
    severity: "error",
    component: "endpoint",
    title: "AWS is too slow to answer",
    why: "The health round did not finish within {deadlineMs} ms.",
    fix: "Check the AWS Health Dashboard and this host's network path to AWS; the next round retries on its own.",
    order: 113,
  },
  "endpoint.health-error": {
    severity: "error",
    component: "endpoint",
    title: "The health round failed",
    why: "The health round stopped with an unexpected error: {message}",
    fix: "Check the server log; the next round retries on its own.",
    order: 114,
  },
  "health.not-checked": {
    severity: "warn",
    component: "health",
    unchecked: true,
    title: "{label} not checked: {because}",
    why: "{reason}",
    fix: "{remedy}",
    order: 116,
    phrases: {
      because: {
        "credentials-refused": "AWS refused the credentials ({cause})",
        "endpoint-unusable": "AWS gave no usable answer ({cause})",
        "not-run": "no check of it ran in this round",
        "no-credentials": "there are no credentials to check ({cause})",
      },
      reason: {
        "credentials-refused":
          "AWS refused the credentials ({cause}), so Sesame could not ask it about this; the last round's answer does not count.",
        "endpoint-unusable":
          "AWS did not give a usable answer ({cause}), so Sesame could not ask it about this; the last round's answer does not count.",
        "not-run": "No check of this ran in this round.",
        "no-credentials":
          "Neither the env file nor the process environment holds the platform's access key, so nothing could be asked.",
      },
      remedy: {
        "credentials-refused":
          "Fix the credentials first (see the Credentials card); this is checked again in the next round.",
        "endpoint-unusable":
          "Fix the AWS endpoint first (see the AWS endpoint card); this is checked again in the next round.",
        "not-run": "Wait for the next round; if this stays unchecked, see the server log.",
        "no-credentials":
          "Finish the setup wizard (it writes the env file), or point `SESAME_ENV_FILE` at the platform's env file.",
      },
    },
  },
  "env.health-no-credentials": {
    severity: "error",
    component: "env",
    title: "No credentials to check",
    why: "Neither the env file ({envFile}, found: {envFileFound}) nor the process environment holds the {target} access key variables.",
    fix: "Finish the setup wizard (it writes the env file), or point `SESAME_ENV_FILE` at the platform's env file.",
    order: 115,
  },
  // ── setup: failures of the wizard's, go-live's and rotation's own AWS calls (lib/aws/failure-finding.ts) ──────
  "setup.denied": {
    severity: "error",
    component: "permissions",
    title: "The {who} may not {task}",
    why: "{service} answered {errorCode} to {operation}: the policies of the {who} do not allow {permission}. AWS said: {message}",
    fix: "{remedy}",
    order: 63,
    phrases: {
      who: SETUP_WHO,
      task: SETUP_TASKS,
      remedy: {
        "add-permission":
          "Add {permission} to their policy (or use an administrator's temporary credentials) and try again.",
        "other-credentials":
          "Add {permission} to their policy, or enter credentials that may call it in this step; they are held in server memory for this session only.",
        "cli-instead":
          "Use credentials that may call {permission}, or run the AWS CLI command below with a profile that may.",
        "zone-policy":
          "Give credentials limited to the hosted zone (the policy below), or publish the records by hand at the DNS provider.",
        "events-list":
          "Allow {permission} in their policy (the list of what they need is on this page), or use an administrator's temporary credentials.",
        "rotation-admin":
          "Enter admin credentials for this rotation, or allow the user to manage its own keys (`iam:CreateAccessKey`, `iam:UpdateAccessKey`, `iam:DeleteAccessKey`, `iam:ListAccessKeys` on `{ownUserArn}`).",
      },
    },
  },
  "setup.credentials-rejected": {
    severity: "error",
    component: "credentials",
    title: "AWS rejected the {who}",
    why: "{service} answered {errorCode} to {operation}: {message}",
    fix: "{remedy}",
    order: 43,
    phrases: {
      who: SETUP_WHO,
      remedy: {
        paste:
          "Paste the access key id and secret again, whole (no spaces, quotes or missing characters); temporary (ASIA…) keys also need their session token.",
        propagation:
          "A brand-new key can take a few seconds to work everywhere in AWS: wait a minute and verify again. If it keeps failing, check that the env file holds the new key's secret exactly as IAM showed it.",
      },
    },
  },
  "setup.aws-refused": {
    severity: "error",
    component: "endpoint",
    title: "{service} refused to {task}",
    why: "{operation} was answered {errorCode}: {message}",
    fix: "Act on AWS's message above, then try again; if the endpoint is not AWS itself (`AWS_ENDPOINT_URL`), it may not implement {operation}.",
    order: 26,
    phrases: { task: SETUP_TASKS },
  },
  "setup.user-exists": {
    severity: "warn",
    component: "credentials",
    title: "An IAM user named {userName} already exists",
    why: "IAM user names are unique in an account and {userName} is taken (IAM answered {errorCode} to CreateUser).",
    fix: "Choose another name, or reuse it: Sesame will replace its {policyName} policy and add an access key.",
    order: 44,
  },
  "setup.key-limit": {
    severity: "error",
    component: "credentials",
    title: "{userName} already has 2 access keys",
    why: "IAM allows at most 2 access keys per user, inactive keys included, so CreateAccessKey was refused ({errorCode}).",
    fix: "{remedy}",
    order: 45,
    phrases: {
      remedy: {
        wizard:
          "Delete one in the IAM console (Users → {userName} → Security credentials) or with `aws iam delete-access-key --user-name {userName} --access-key-id <id>`, then try again — or choose a new user name.",
        rotation:
          "Delete the key the platform does not use (IAM console → Users → {userName} → Security credentials, or `aws iam delete-access-key --user-name {userName} --access-key-id <id>`), then start the rotation again.",
      },
    },
  },
  "setup.role-missing": {
    severity: "error",
    component: "credentials",
    title: "There is no IAM role named {roleName} in this account",
    why: "IAM answered {errorCode} to AttachRolePolicy: {message}",
    fix: "Create the role with the trust policy for where the platform runs (the commands below), or enter the name of the role it already runs with.",
    order: 46,
  },
  "setup.route53-no-zone": {
    severity: "warn",
    component: "dns",
    title: "No public Route 53 hosted zone for {domain}",
    why: "This account has no public hosted zone for {domain} or a parent domain, so Sesame cannot publish the records through Route 53; the domain's DNS is served elsewhere.",
    fix: "{remedy}",
    order: 90,
    phrases: {
      remedy: {
        "by-hand": "Publish the records shown above at the DNS provider of {domain}.",
        "create-zone":
          "Publish the records shown above at the DNS provider of {domain}; or, to publish through Route 53, create a public hosted zone for it and delegate the domain to the zone's name servers (the commands below).",
      },
    },
  },
  "setup.route53-cname-conflict": {
    severity: "error",
    component: "dns",
    title: "A CNAME collides with other records at {names}",
    why: "DNS allows no other record next to a CNAME at the same name, and Route 53 refuses such a change; {names} already holds records that collide with the planned ones.",
    fix: "Remove the conflicting record at {names} in Route 53 first, then plan again.",
    order: 91,
  },
  // ── events: configuration sets, SNS topic, subscription, allow-list (docs/events.md) ─────────────────────
  "events.config-set-var-missing": {
    severity: "error",
    component: "events",
    title: "{variable} is not set",
    why: "{target} sends every message through the configuration set named by {variable}; it is required, and without it the platform does not start or cannot send.",
    fix: "Create the configuration set in {region} (Sesame's Events step does it) and set {variable} to its name in the env file, then restart the platform.",
    order: 120,
  },
  "events.config-set-missing": {
    severity: "error",
    component: "events",
    title: 'Configuration set "{configSet}" does not exist in {region}',
    why: "{target} names this set in every send ({variable}{defaultNote}). SES rejects a send naming a set that does not exist in the region with ConfigurationSetDoesNotExist, so every send of the platform fails, while a test send without a set still passes.",
    fix: "Create the set in {region}: `aws sesv2 create-configuration-set --configuration-set-name {configSet} --region {region}` (or Sesame's Events step), or set {variable} to a set that exists there.",
    order: 121,
  },
  "events.usesend-not-set-up": {
    severity: "error",
    component: "events",
    title: "useSend has no configuration sets in {region}",
    why: "useSend creates a topic and four configuration sets (<prefix>-{region}-unsend-general, -click, -open, -full) when the region is added in its admin settings; none exist in {region}, so useSend cannot send there.",
    fix: "In useSend: Admin → SES settings → Add SES Settings for {region}, with your public useSend URL as the callback (useSend subscribes <URL>/api/ses_callback).",
    order: 122,
  },
  "events.no-destination": {
    severity: "warn",
    component: "events",
    title: 'Configuration set "{configSet}" publishes no events to SNS',
    why: "The set has no enabled SNS event destination ({destinations}), so {target} never hears of deliveries, bounces or complaints: emails stay Queued/Sent and bounced addresses keep being mailed.",
    fix: "Add an SNS event destination to {configSet} in {region} (SES console → Configuration sets → {configSet} → Event destinations) for the topic that posts to the platform's webhook, or re-run Sesame's Events step.",
    order: 123,
  },
  "events.event-types-missing": {
    severity: "warn",
    component: "events",
    title: 'Configuration set "{configSet}" does not publish {missing}',
    why: '{target} reads these event types from this set ({role}); its SNS destination "{destination}" publishes only {published}.',
    fix: 'Edit the destination "{destination}" of {configSet} (SES console → Configuration sets → Event destinations) and select {missing} as well.',
    order: 124,
  },
  "events.topic-missing": {
    severity: "error",
    component: "events",
    title: "SNS topic of {configSet} does not exist",
    why: "The set's event destination publishes to {topicArn}, which SNS does not know (deleted, or in another account or region). Events are lost.",
    fix: "Create the topic (`aws sns create-topic --name {topicName} --region {topicRegion}`), subscribe the platform's webhook to it, and point the destination of {configSet} at it (or re-run Sesame's Events step).",
    order: 125,
  },
  "events.no-subscription": {
    severity: "warn",
    component: "events",
    title: "Nobody is subscribed to the events topic over http(s)",
    why: "SNS topic {topicArn} has no http or https subscription{otherProtocols}, so no event reaches {target}'s webhook.",
    fix: "Subscribe the webhook: `aws sns subscribe --topic-arn {topicArn} --protocol https --notification-endpoint https://YOUR-API{webhookPath} --region {topicRegion}`; the platform confirms it on its own when the URL is right.",
    order: 126,
  },
  "events.subscription-pending": {
    severity: "error",
    component: "events",
    title: "Webhook subscription is still PendingConfirmation",
    why: "SNS posted a SubscriptionConfirmation to {endpoint} but the endpoint never confirmed it, so no event is delivered. Likely causes: the URL is not reachable from the internet (firewall, private address, the platform was not up yet when subscribing), a wrong path (it must end in {webhookPath}), the API served behind an /api prefix that the URL lacks (or has twice), or TLS that AWS does not accept (self-signed or expired certificate, missing intermediate).",
    fix: "Open {endpoint} from outside your network (`curl -i -X POST {endpoint}` should not give 404 or a TLS error), fix the path or proxy, then request confirmation again: SNS console → Subscriptions → select it → Request confirmation (or delete it and subscribe again).",
    order: 127,
  },
  "events.webhook-unreachable": {
    severity: "error",
    component: "events",
    title: "AWS cannot reach the webhook {endpoint}",
    why: "The subscription's URL {problem}. SNS posts from AWS's network, so the confirmation and every event go nowhere.",
    fix: "Subscribe the platform's public URL instead (a DNS name that resolves on the internet, ending in {webhookPath}), and delete this subscription.",
    order: 128,
  },
  "events.webhook-plain-http": {
    severity: "warn",
    component: "events",
    title: "Webhook {endpoint} uses plain http",
    why: "{target} expects its SNS webhook on https: the notifications carry recipient addresses, and over http anyone on the path can read or alter them.",
    fix: "Serve the platform's API over https and subscribe https://…{webhookPath} instead; then delete the http subscription.",
    order: 129,
  },
  "events.topic-not-allowed": {
    severity: "error",
    component: "events",
    title: "Topic is not in {allowListVar}",
    why: "Plunk accepts SNS messages only from the topics listed in {allowListVar} ({allowList}); events from {topicArn} are rejected, so Plunk drops every delivery, bounce and complaint.",
    fix: "Add the ARN to {allowListVar} in the env file (comma-separated: {allowListVar}={suggested}) and restart Plunk.",
    order: 130,
  },
  "events.not-checked": {
    severity: "warn",
    component: "events",
    title: "Event loop not checked",
    why: "Sesame could not read {what} ({action}: {errorCode}), so it cannot tell whether the configuration set, topic and subscription are in place.",
    fix: "Allow the platform's user to read them (inline policy: {readPolicy}), or check by hand: SES console → Configuration sets, SNS console → Subscriptions.",
    order: 131,
  },
  // ── the SigV4 signature doctor (lib/sigv4/doctor): one code per rule, `sigv4.<rule id>` (docs/doctor.md) ──────
  // The doctor emits `{code, evidence}` like every other check. A rule that can be seen in several ways picks its
  // sentence with the `case` phrase key (what was seen: the structure, AWS's answer, the client mistake whose
  // signature matches); each code has one severity, so a hint milder than the rule is its own code (e.g.
  // sigv4.query-order-unchecked next to sigv4.query-not-sorted). sigv4.ok is the one "pass" code.
  "sigv4.ok": {
    severity: "pass",
    component: "signature",
    title: "The signature is correct",
    why: "The signature the request carries is the one the secret you gave computes for the request as carried.",
    fix: "Nothing to fix in the signing.",
    order: 200,
  },
  "sigv4.unverified": {
    severity: "info",
    component: "signature",
    title: "No structural problem found; signature not checked",
    why: "Scope, dates, signed headers and host look right. Without the secret access key only the request's structure can be checked, not the signature itself.",
    fix: "Give the secret access key to check the signature itself.",
    order: 201,
  },
  "sigv4.unverifiable": {
    severity: "info",
    component: "signature",
    title: "The signature cannot be checked",
    why: "The signature covers {headers}, which the request does not carry, so the value it was signed with is unknown and no secret could reproduce the signature.",
    fix: "Send the request with every signed header (or sign only what is sent) and check again.",
    order: 201,
  },
  "sigv4.input-unreadable": {
    severity: "error",
    component: "signature",
    title: "Could not read the request",
    why: "{problem}",
    fix: "Paste a URL, a curl command, or a raw HTTP request (request line, headers, blank line, body).",
    order: 202,
    phrases: {
      problem: {
        empty: "There is nothing to read: the text is empty.",
        unknown:
          "The pasted text is neither a URL, a curl command, a raw HTTP request (METHOD /path HTTP/1.1 and headers) nor an AWS error body.",
        "not-url": '"{text}" is not an http(s) URL.',
        "no-host": "The URL has no host.",
        "header-line": 'The header line "{text}" has no "name: value" form.',
        "request-line": "The first line is not an HTTP request line (METHOD /path HTTP/1.1).",
        "curl-single-quote": "A single quote in the curl command is never closed.",
        "curl-double-quote": "A double quote in the curl command is never closed.",
        "curl-ansi-quote": "A $'…' string in the curl command is never closed.",
        "curl-not-curl": "The command is not a curl command.",
        "curl-needs-value": "The curl option {text} needs a value.",
        "curl-body-file": "curl {text} reads the body from a file, which the doctor cannot see; paste the body itself.",
        "curl-extra-argument": 'The curl command has an unexpected argument "{text}" (only one URL is supported).',
        "curl-no-url": "The curl command has no URL.",
      },
    },
  },
  "sigv4.nothing-to-examine": {
    severity: "error",
    component: "signature",
    title: "Nothing to examine",
    why: "No request and no AWS error body were given.",
    fix: "Give a request (URL, curl command or raw HTTP) or the error body AWS answered with.",
    order: 203,
  },
  "sigv4.no-auth": {
    severity: "error",
    component: "signature",
    title: "The request carries no signature",
    why: "{case} AWS refuses a request without an Authorization header or the X-Amz-* query parameters of a presigned URL (MissingAuthenticationToken).",
    fix: "Sign it: an Authorization header (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…) plus X-Amz-Date, or the X-Amz-* query parameters of a presigned URL.",
    order: 204,
    phrases: {
      case: {
        none: "The request has neither an Authorization header nor X-Amz-Signature in its query.",
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.auth-malformed": {
    severity: "error",
    component: "signature",
    title: "The signature parameters are malformed",
    why: "{case} AWS reads the algorithm, credential scope, signed headers and signature from fixed places; a missing or misspelt part leaves it nothing to check.",
    fix: "Write Authorization as `AWS4-HMAC-SHA256 Credential=AKID/YYYYMMDD/region/service/aws4_request, SignedHeaders=a;b, Signature=<64 hex>`.",
    order: 205,
    phrases: {
      case: {
        parse: 'AWS would answer {awsCode}: "{awsMessage}".',
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.signature-upper-case": {
    severity: "warn",
    component: "signature",
    title: "The signature is written in upper-case hex",
    why: "The signature is right but written in upper-case hex; AWS compares the lower-case hex form.",
    fix: "Send the signature as lower-case hex, as every SDK writes it.",
    order: 205,
  },
  "sigv4.curl-signs": {
    severity: "info",
    component: "signature",
    title: "curl signs this request itself",
    why: "The command uses --aws-sigv4: curl computes the signature when it sends, so the command holds no signature to examine.",
    fix: "The command has no signature to examine (--aws-sigv4). Run it with -v and paste the request lines (starting with '> ') instead.",
    order: 206,
  },
  "sigv4.amz-date-format": {
    severity: "error",
    component: "signature",
    title: "X-Amz-Date is missing or not in the YYYYMMDDTHHMMSSZ form",
    why: "{case} The request time is part of the string to sign and of the credential scope; AWS reads it only in ISO-8601 basic form, in UTC.",
    fix: "Send X-Amz-Date as UTC in ISO-8601 basic form, e.g. 20260123T101500Z.",
    order: 207,
    phrases: {
      case: {
        missing: "The request carries no X-Amz-Date (nor a Date header).",
        malformed: 'The request time is "{amzDate}".',
      },
    },
  },
  "sigv4.scope-date-mismatch": {
    severity: "error",
    component: "signature",
    title: "The credential scope date does not match X-Amz-Date",
    why: "{case} AWS requires the scope date to be the date part of X-Amz-Date; a signer that takes the local date signs with another signing key around midnight.",
    fix: "Use the first 8 characters of X-Amz-Date (the UTC date, not the local one) as the scope date.",
    order: 208,
    phrases: {
      case: {
        structural: "The Credential scope says {carried} but X-Amz-Date is {amzDate} (date {expected}).",
        signed: `${REPRODUCED} the signer used the date {signed} in its scope, while the Credential says {carried}.`,
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.scope-region": {
    severity: "error",
    component: "signature",
    title: "The region in the credential scope is wrong",
    why: "{case} The signing key is derived from the region, and AWS checks that the scope names the region of the endpoint that received the request.",
    fix: "Sign with the region of the endpoint you call (us-east-1 for the global IAM and STS endpoints).",
    order: 209,
    phrases: {
      case: {
        unknown: '"{carried}" in the Credential scope is not an AWS region.',
        "other-than-host": "The Credential scope says {carried} but the endpoint {host} expects {expected}.",
        "other-than-given": "The Credential scope says {carried} but the expected region you gave is {expected}.",
        signed: `${REPRODUCED} the signer signed for region {signed}, while the Credential says {carried}.`,
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.scope-service": {
    severity: "error",
    component: "signature",
    title: "The service in the credential scope is wrong",
    why: "{case} The signing key is derived from the service's signing name, and AWS checks that the scope names the service that received the request.",
    fix: "Sign with the endpoint's signing name: ses (or email) for SES v1 and v2, iam for IAM, sts for STS.",
    order: 210,
    phrases: {
      case: {
        "other-than-host": 'The Credential scope says "{carried}" but the endpoint {host} expects {expected}.',
        "other-than-given": 'The Credential scope says "{carried}" but the expected service you gave is {expected}.',
        signed: `${REPRODUCED} the signer signed for service {signed}, while the Credential says {carried}.`,
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.scope-terminator": {
    severity: "error",
    component: "signature",
    title: "The credential scope does not end in aws4_request",
    why: "{case} The last step of the signing key chain and the last part of the scope is the literal aws4_request; anything else is refused.",
    fix: "End the scope with the literal terminator aws4_request.",
    order: 211,
    phrases: {
      case: {
        structural: 'The Credential scope ends in "{carried}".',
        signed: `${REPRODUCED} the signer used aws4_request, while the Credential says "{carried}".`,
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.host-missing": {
    severity: "error",
    component: "signature",
    title: "The host header is not signed or not sent",
    why: "{case} Every SigV4 signature must cover the host header; AWS refuses a request whose host is unsigned or absent.",
    fix: "Send a Host header and include `host` in SignedHeaders (with the port when it is not 80/443).",
    order: 212,
    phrases: {
      case: {
        unsigned: 'SignedHeaders is "{signedHeaders}", without host.',
        "not-sent": "host is signed but the request has no Host header.",
      },
    },
  },
  "sigv4.host-mismatch": {
    severity: "error",
    component: "signature",
    title: "The signed host differs from the host the request goes to",
    why: "{case} AWS rebuilds the canonical request with the host it received; a host signed for another name or port gives a different signature.",
    fix: "Sign the Host exactly as it is sent, including a non-default :port; when going through a proxy or custom endpoint, sign for that endpoint's host.",
    order: 213,
    phrases: {
      case: {
        explicit: 'The Host header says "{carried}" but the request goes to "{expected}".',
        signed: `${REPRODUCED} the signer signed host "{signed}", while the request carries Host "{carried}".`,
        "signed-no-host": `${REPRODUCED} the signer signed host "{signed}", while the request carries no Host header.`,
      },
    },
  },
  "sigv4.signed-headers": {
    severity: "error",
    component: "signature",
    title: "The SignedHeaders list is wrong",
    why: "{case} AWS rebuilds the canonical headers from the SignedHeaders list, so a missing, extra, unsorted or upper-case name changes what is signed.",
    fix: "List, lower-case, sorted and separated by ';', exactly the headers you put in the canonical headers block: at least host and x-amz-date (and x-amz-security-token, x-amz-content-sha256 when sent).",
    order: 214,
    phrases: {
      case: {
        "upper-case": 'SignedHeaders "{signedHeaders}" has upper-case names; they must be lower case.',
        duplicate: 'SignedHeaders "{signedHeaders}" lists a header twice.',
        unsorted: 'SignedHeaders "{signedHeaders}" is not sorted (expected {expected}).',
        "not-sent": 'SignedHeaders "{signedHeaders}" covers {names}, which the request does not send.',
        "signed-sorted": `${REPRODUCED} the signer sorted the headers but SignedHeaders lists them in another order.`,
        "listed-not-signed": `${REPRODUCED} SignedHeaders lists "{names}" but the signer did not sign it.`,
        "signed-not-listed": `${REPRODUCED} the signer signed "{names}" but SignedHeaders does not list it.`,
        "canonical-only": `${REPRODUCED} the signer put "{names}" in the canonical headers but not in the SignedHeaders line or the header sent.`,
      },
    },
  },
  "sigv4.signed-headers-unsigned-amz": {
    severity: "warn",
    component: "signature",
    title: "X-Amz headers are sent but not signed",
    why: "The request sends {names} without listing them in SignedHeaders; AWS expects the x-amz-* headers it reads (date, session token, content hash) to be covered by the signature.",
    fix: "List {names} in SignedHeaders (lower case, sorted) and sign them.",
    order: 214,
  },
  "sigv4.header-values": {
    severity: "error",
    component: "signature",
    title: "Header values were not canonicalised",
    why: `${REPRODUCED} header values were signed without trimming and collapsing whitespace. In the canonical headers AWS trims every value and collapses runs of whitespace; a signer that keeps them signs a different string.`,
    fix: "In the canonical headers, trim each value and collapse runs of whitespace to one space.",
    order: 215,
  },
  "sigv4.query-not-sorted": {
    severity: "error",
    component: "signature",
    title: "Query parameters were not sorted by name when signing",
    why: `${REPRODUCED} the canonical query kept the order of the URL instead of being sorted by name. The canonical query string lists parameters sorted by encoded name; a signer that keeps the order as sent signs a different string than AWS computes.`,
    fix: "Sort the canonical query string by encoded parameter name (byte order: upper case before lower case), then by value.",
    order: 216,
  },
  "sigv4.query-order-unchecked": {
    severity: "info",
    component: "signature",
    title: "The URL's query parameters are not in sorted order",
    why: "The URL lists its query parameters out of name order. That is fine on the wire, but the signer must sort them by name in the canonical query; without the secret the doctor cannot tell whether it did.",
    fix: "Give the secret access key to check the signature, or make sure the signer sorts the canonical query by parameter name.",
    order: 216,
  },
  "sigv4.query-encoding": {
    severity: "error",
    component: "signature",
    title: "Query parameters were percent-encoded the wrong way",
    why: "{case} AWS encodes query names and values by RFC 3986 before signing; + for a space, lower-case hex or unencoded reserved characters give it a different string to sign.",
    fix: "Encode every name and value with RFC 3986 rules: keep only A–Z a–z 0–9 - . _ ~, everything else as %XX with upper-case hex; space is %20 (never +), + is %2B, / is %2F, * is %2A, ~ stays ~.",
    order: 217,
    phrases: {
      case: {
        "plus-space": `${REPRODUCED} a space was encoded as '+' (form encoding) instead of %20.`,
        "keep-star": `${REPRODUCED} '*' (and ! ' ( )) were left unencoded, as JavaScript's encodeURIComponent does; SigV4 wants %2A.`,
        tilde: `${REPRODUCED} '~' was encoded as %7E; SigV4 keeps '~' as is.`,
        "keep-slash": `${REPRODUCED} '/' was left unencoded in a name or value (e.g. in X-Amz-Credential); SigV4 wants %2F.`,
        java: `${REPRODUCED} the query was encoded like Java's URLEncoder: space as '+', '*' unencoded, '~' as %7E.`,
        php: `${REPRODUCED} the query was encoded like PHP's urlencode/http_build_query: space as '+', '~' as %7E.`,
        "lower-hex": `${REPRODUCED} percent escapes used lower-case hex (%2f); SigV4 wants upper case (%2F).`,
        double: `${REPRODUCED} values were percent-encoded twice.`,
        "plus-meant-space": `${REPRODUCED} the URL carries '+' where the signer meant a space: AWS reads '+' as a literal plus (%2B), so send spaces as %20.`,
        "as-written": `${REPRODUCED} the query was signed as written in the URL instead of being decoded and re-encoded the SigV4 way.`,
      },
    },
  },
  "sigv4.query-plus": {
    severity: "warn",
    component: "signature",
    title: "The query contains '+'",
    why: "AWS reads '+' in a query as a literal plus; if a space was meant, the URL must carry %20 (and the signer must have used %20).",
    fix: "Send a space as %20 and a literal plus as %2B, in the URL and in the canonical query alike.",
    order: 217,
  },
  "sigv4.path-encoding": {
    severity: "error",
    component: "signature",
    title: "The path was not canonicalised the SigV4 way",
    why: "{case} For every service but S3 the canonical path is normalised and URI-encoded once more; a path signed as sent differs from the one AWS computes.",
    fix: "For every service but S3, normalise the path (drop empty and . segments) and URI-encode the already-encoded path once more, keeping '/' (so %40 becomes %2540).",
    order: 218,
    phrases: {
      case: {
        once: `${REPRODUCED} the path was encoded once (as S3 does) instead of twice.`,
        "not-normalised": `${REPRODUCED} the path was encoded without first removing empty or '.' segments.`,
        "decoded-once": `${REPRODUCED} the decoded path was encoded once instead of encoding the wire path again.`,
      },
    },
  },
  "sigv4.payload-hash": {
    severity: "error",
    component: "signature",
    title: "The payload hash is wrong",
    why: "{case} The last line of the canonical request is the SHA-256 of the body; a hash of other bytes (or UNSIGNED-PAYLOAD outside S3) signs a different request.",
    fix: "Use the hex SHA-256 of the exact body bytes sent (e3b0c442…b855 for an empty body); non-S3 services do not accept UNSIGNED-PAYLOAD.",
    order: 219,
    phrases: {
      case: {
        mismatch: "x-amz-content-sha256 is {carried} but the body sent hashes to {expected}.",
        "empty-body": `${REPRODUCED} the payload hash is the hash of an empty body, but a body was sent.`,
        unsigned: `${REPRODUCED} the payload was signed as UNSIGNED-PAYLOAD, which only S3 accepts.`,
        "header-value": `${REPRODUCED} the payload hash line used the x-amz-content-sha256 header's value, which is not the hash of the body sent.`,
        "no-final-newline": `${REPRODUCED} the body was hashed without its final newline.`,
        "extra-final-newline": `${REPRODUCED} the body was hashed with an extra final newline.`,
        crlf: `${REPRODUCED} the body was hashed with CRLF line ends but sent with LF.`,
      },
    },
  },
  "sigv4.payload-hash-unsigned": {
    severity: "warn",
    component: "signature",
    title: "x-amz-content-sha256 is UNSIGNED-PAYLOAD",
    why: "Only S3 accepts UNSIGNED-PAYLOAD; every other service checks the signature over the hash of the body sent.",
    fix: "Send the hex SHA-256 of the body in x-amz-content-sha256, or leave the header out outside S3.",
    order: 219,
  },
  "sigv4.presign-expired": {
    severity: "error",
    component: "signature",
    title: "The presigned URL has expired",
    why: "{case} A presigned URL is valid only for X-Amz-Expires seconds after X-Amz-Date; AWS refuses it afterwards.",
    fix: "Presign it again; it is valid for X-Amz-Expires seconds after X-Amz-Date.",
    order: 220,
    phrases: {
      case: {
        structural: "Signed at {amzDate} for {expires} s: it expired at {until}, and it is now {now}.",
        aws: AWS_SAID,
      },
    },
  },
  "sigv4.presign-expires-range": {
    severity: "error",
    component: "signature",
    title: "X-Amz-Expires is missing or out of range",
    why: "{case} A presigned URL must say how long it is valid: a whole number of seconds from 1 to 604800 (7 days).",
    fix: "Set X-Amz-Expires to a whole number of seconds from 1 to 604800 (7 days).",
    order: 221,
    phrases: {
      case: {
        value: "X-Amz-Expires is {expires}.",
        "not-a-number": "X-Amz-Expires is not a number.",
      },
    },
  },
  "sigv4.presign-expires-missing": {
    severity: "warn",
    component: "signature",
    title: "The presigned URL has no X-Amz-Expires",
    why: "A presigned URL says in X-Amz-Expires how many seconds after X-Amz-Date it is valid; without it, AWS applies its own limit or refuses the URL.",
    fix: "Set X-Amz-Expires to a whole number of seconds from 1 to 604800 (7 days).",
    order: 221,
  },
  "sigv4.security-token-missing": {
    severity: "error",
    component: "signature",
    title: "Temporary (ASIA…) credentials without a session token",
    why: "{keyId} is a temporary key, and no X-Amz-Security-Token is sent. AWS accepts a temporary access key only together with the session token issued with it.",
    fix: "Send X-Amz-Security-Token (signed) with temporary credentials, or use a long-term AKIA… key.",
    order: 222,
  },
  "sigv4.wrong-secret": {
    severity: "error",
    component: "signature",
    title: "The signature was made with a different secret",
    why: "{case}",
    fix: "Sign with the secret access key that belongs to this access key id, exactly as AWS showed it (40 characters, no spaces, quotes or newline).",
    order: 223,
    phrases: {
      case: {
        "aws-same-request":
          "AWS checked exactly this request and refused the signature this secret reproduces: the secret you gave is not the one AWS holds for this access key id.",
        "no-variant":
          "The signature matches neither this request signed with the secret you gave nor any of {tried} usual signing mistakes. Most likely it was made with another secret access key (or the request was changed after signing, e.g. by a proxy).",
        newline: `${REPRODUCED} the signer used the secret with a newline at its end.`,
        crlf: `${REPRODUCED} the signer used the secret with a CRLF at its end.`,
        "leading-space": `${REPRODUCED} the signer used the secret with a leading space.`,
        "trailing-space": `${REPRODUCED} the signer used the secret with a trailing space.`,
        quotes: `${REPRODUCED} the signer used the secret with the quotes around it.`,
        "plus-as-space": `${REPRODUCED} the signer used the secret with '+' turned into spaces (URL-decoded somewhere).`,
        "percent-encoded": `${REPRODUCED} the signer used the secret with '/' and '+' percent-encoded.`,
        "cut-off": `${REPRODUCED} the signer used the secret with its last character cut off.`,
      },
    },
  },
  "sigv4.clock-skew": {
    severity: "error",
    component: "signature",
    title: "The request time is too far from AWS's clock",
    why: `${AWS_SAID} AWS refuses a signed request whose X-Amz-Date is more than a few minutes from its own time.`,
    fix: "Sync the clock (NTP) of the machine that signs; AWS accepts requests within a few minutes of its time.",
    order: 224,
  },
  "sigv4.unknown-key": {
    severity: "error",
    component: "signature",
    title: "AWS does not know this access key id",
    why: `${AWS_SAID} The access key id in the credential scope does not exist in AWS's records (deleted, mistyped, or a temporary key without its token).`,
    fix: "Check the access key id (and for ASIA keys the session token); a deleted or mistyped key gives this.",
    order: 225,
  },
  "sigv4.request-changed": {
    severity: "error",
    component: "signature",
    title: "The request AWS saw differs from the one pasted",
    why: "{case}",
    fix: "Something between the signer and AWS (a proxy, a redirect, an HTTP client adding headers) changed the request after signing; sign what is actually sent.",
    order: 226,
    phrases: {
      case: {
        "aws-differs":
          "AWS's canonical request differs from the one rebuilt from the pasted request in: {parts}. The signature fits the request as pasted, so something changed the request between signing and AWS.",
        "signed-right":
          "AWS answered SignatureDoesNotMatch, yet the signature matches this request signed with the secret you gave: AWS received a different request (a header value, the host, the query or the body changed after signing), or AWS holds another secret for this access key id.",
        method: `${REPRODUCED} the request was signed as {signed} but is sent as {carried}.`,
      },
    },
  },
  "sigv4.corrected-request": {
    severity: "info",
    component: "signature",
    title: "The request signed again with every fix applied",
    why: "{validity}",
    fix: "Send it as shown before it expires.",
    order: 227,
    phrases: {
      validity: {
        query: "Presigned again at {amzDate}; valid until {until}.",
        header:
          "Signed again at {amzDate}: AWS accepts it for about 5 minutes (SES) to 15 minutes (IAM, STS); re-sign after that.",
      },
    },
  },
  // ── SMTP port advice of the Test send step's connectivity panel (lib/smtp/port-advice.ts) ─────────────────────
  "smtp.port-api-only": {
    severity: "info",
    component: "smtp",
    title: "SMTP ports do not matter to this platform",
    why: "It sends through the SES API over HTTPS (port 443), not SMTP; the SMTP ports matter only to SMTP apps.",
    fix: "Nothing to set for SMTP; keep outbound HTTPS (port 443) open.",
    order: 230,
  },
  "smtp.port-implicit-tls": {
    severity: "info",
    component: "smtp",
    title: "Port {port} speaks TLS from the first byte",
    why: "TLS from the first byte (SMTPS).",
    fix: "Set the app's port to {port} with TLS from the first byte (secure: true).",
    order: 231,
  },
  "smtp.port-starttls": {
    severity: "info",
    component: "smtp",
    title: "Port {port} starts plain and upgrades with STARTTLS",
    why: "Plain connect, then STARTTLS before login; SES refuses login without it.",
    fix: "Set the app's port to {port} without TLS from the first byte (secure: false) and require STARTTLS.",
    order: 232,
  },
} as const satisfies Record<string, FindingSpec>;

export type FindingCode = keyof typeof CATALOGUE;

// ── typed evidence ─────────────────────────────────────────────────────────────────────────────────────────────
// Each code's evidence must carry a value for every placeholder of its texts (checked by tsc): a misspelt code or a
// forgotten value is a compile error, not "(unknown)" on someone's screen.

type Spec<C extends FindingCode> = (typeof CATALOGUE)[C];
/** `{a} and {b}` → "a" | "b" */
export type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type PhraseTables<C extends FindingCode> = Spec<C> extends { phrases: infer P } ? P : Record<never, never>;
type PhraseTexts<C extends FindingCode> = {
  [K in keyof PhraseTables<C>]: PhraseTables<C>[K][keyof PhraseTables<C>[K]];
}[keyof PhraseTables<C>];
type TemplatePlaceholders<C extends FindingCode> = Placeholders<Spec<C>["title"] | Spec<C>["why"] | Spec<C>["fix"]>;

/** A value shown in text: never null (a placeholder needs something to say). */
export type ShownValue = string | number | boolean;

/**
 * The evidence a code needs: each placeholder of its title, why and fix (a phrase placeholder takes the key of its
 * phrase), the placeholders of its phrases (null allowed: only the chosen phrase shows them), and any further data.
 */
export type EvidenceOf<C extends FindingCode> = {
  [P in TemplatePlaceholders<C>]: P extends keyof PhraseTables<C> ? keyof PhraseTables<C>[P] & string : ShownValue;
} & {
  [P in Exclude<Placeholders<PhraseTexts<C>>, TemplatePlaceholders<C>>]: EvidenceValue;
} & { [field: string]: EvidenceValue };

/** What a probe (or the env linter, the DNS check, the SMTP probe) emits: a catalogue code and what it saw. */
export type FindingOf<C extends FindingCode> = { code: C; evidence: EvidenceOf<C> };
export type RawFinding = { [C in FindingCode]: FindingOf<C> }[FindingCode];
/** Findings of one area, e.g. `RawFindingIn<"env">` for the env linter. */
export type RawFindingIn<Area extends string> = Extract<RawFinding, { code: `${Area}.${string}` }>;

/** Builds a finding with its evidence checked against the code's placeholders. */
export function finding<C extends FindingCode>(code: C, evidence: EvidenceOf<C>): FindingOf<C> {
  return { code, evidence };
}

export function specOf(code: string): FindingSpec | undefined {
  return Object.hasOwn(CATALOGUE, code) ? (CATALOGUE as Record<string, FindingSpec>)[code] : undefined;
}
