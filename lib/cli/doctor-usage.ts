/**
 * `sesame doctor --help`. A leaf module (no imports) so the help prints without loading the engine, zod or the AWS
 * SDK. The env-file flag is `--env` everywhere (README, fix texts): Node 20 reads `--env-file` anywhere on its command
 * line, so that spelling is only accepted once it reaches the doctor (when the file exists).
 */
export const DOCTOR_USAGE = `Usage: sesame doctor [options]        (from a checkout: npm run -s doctor -- [options])

Checks SES credentials, region, permissions, account, domain, DNS and SMTP the way the platform will use them.

Options:
  --env FILE        read the platform's variables from FILE (default: $SESAME_ENV_FILE when set — in the
                    image /data/platform.env — else the process environment); --envfile FILE and
                    --env-file FILE are the same, but Node 20 reads --env-file itself and exits 9 when FILE
                    is missing: prefer --env
  --target T        plunk | plunk-v1 | usesend | aws | smtp (default: guessed from the variable names, else plunk)
  --domain D        sending domain to check (identity, DKIM, DNS, other regions); default SESAME_DOMAIN
  --from ADDR       From address the platform uses (checked like the domain)
  --to ADDR         recipient: in a sandboxed region, flagged unless it (or its domain) is verified;
                    with --send and --from, one real test message is sent to it
  --send            allow sends: mailbox-simulator sends prove send permissions, and --to gets a test message
  --smtp-ports      try SES's SMTP endpoint on 25, 587, 2587 (STARTTLS) and 465, 2465 (TLS) at once and
                    say which work from this host and which port and TLS setting to use
  --credential-chain  with no key configured, check the AWS default credential chain (instance role, ECS task
                    role, IRSA) as useSend and AWS SDK apps use it; also when SESAME_DEMO=0
  --timeout MS      per-call deadline (default 5000)
  --json            print the report as JSON (status, findings, durationMs) and nothing else
  -h, --help        this text

Environment: AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_SES/_IAM/_STS) for custom endpoints — e.g. the demo's stand-in,
AWS_ENDPOINT_URL=http://127.0.0.1:4566 — SESAME_DNS_SERVER (host:port) for DNS lookups, NODE_EXTRA_CA_CERTS for
private CAs. Exit: 0 no errors, 1 errors found, 2 bad usage.`;
