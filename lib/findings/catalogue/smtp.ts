import type { FindingSpec } from "./spec";

/**
 * SMTP: the endpoint probe (lib/smtp/probe.ts), blocked ports, and the port advice of the Test send step's
 * connectivity panel (lib/smtp/port-advice.ts). The SMTP password tool's paste checks are a section of their own
 * (./smtp-password.ts), small enough for that page's JS.
 */
export const SMTP_FINDINGS = {
  "smtp.region-no-smtp": {
    severity: "error",
    component: "smtp",
    title: "SES has no SMTP endpoint in {region}",
    why: "{region} offers the SES API but no SMTP interface, so email-smtp.{region}.amazonaws.com does not exist.",
    fix: "Use an SMTP region where your domain is verified (e.g. `eu-west-1`, `us-east-1`) and derive the SMTP password for that region.",
    order: 90,
  },
  "smtp.role-no-password": {
    severity: "info",
    component: "smtp",
    title: "No SMTP on the role path",
    why: "An SES SMTP password is derived from a long-term access key, and a role has none: on the role path the platform sends through the SES API.",
    fix: "Send through the API. An app that can only speak SMTP needs the access-key path (step 2).",
    order: 91,
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
