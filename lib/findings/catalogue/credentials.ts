import type { FindingSpec } from "./spec";

/** Shared sentence parts (see `phrases`): what is wrong with a key id or a secret. */
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

/**
 * Credentials: the key and secret as given (missing, damaged in pasting, swapped), what AWS says of them, where the
 * default chain found them and how old they are; and the clock that signs with them.
 */
export const CREDENTIALS_FINDINGS = {
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
} as const satisfies Record<string, FindingSpec>;
