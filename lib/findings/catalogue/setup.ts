import type { FindingSpec } from "./spec";

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

/** Setup: failures of the wizard's, go-live's and rotation's own AWS calls (lib/aws/failure-finding.ts). */
export const SETUP_FINDINGS = {
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
} as const satisfies Record<string, FindingSpec>;
