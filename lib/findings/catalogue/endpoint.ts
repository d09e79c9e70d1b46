import type { FindingSpec } from "./spec";

/**
 * Reaching AWS: no answer, a timeout, TLS, server errors and throttling, an endpoint that is not AWS, and the health
 * round's own time limits (docs/health.md).
 */
export const ENDPOINT_FINDINGS = {
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
} as const satisfies Record<string, FindingSpec>;
