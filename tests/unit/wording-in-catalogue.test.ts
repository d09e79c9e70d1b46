import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Issue 9 §2: every cause and fix a person reads lives in the catalogue, lib/findings/catalogue/ (one file per
 * area). This scan of lib/ and components/ finds cause/fix sentences anywhere else: object fields that carry wording
 * (cause, fix, remedy, why, likelyCause, likelyFix, hint, advice, note) with a sentence as value, and the
 * sandbox/recipient advice once hard-coded on screen.
 * The signature doctor (lib/sigv4/doctor) and the directories cleaned of inline prose (CLEANED) get stricter scans
 * of every literal, below.
 */

const ROOT = path.resolve(__dirname, "../..");
/** the catalogue's folder: its section files hold the wording, so the scans skip them */
const CATALOGUE = "lib/findings/catalogue/";
const inCatalogue = (f: string) => f.startsWith(CATALOGUE);

function files(dir: string): string[] {
  if (!statSync(path.join(ROOT, dir)).isDirectory()) return [dir];
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return files(rel);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
  });
}

const WORDING_FIELD =
  /\b(cause|fix|remedy|why|likelyCause|likelyFix|hint|advice|note)\s*:\s*(["'`])([^"'`]*\s[^"'`]*){1}\2/g;
/** a value that reads as a sentence: several words */
const SENTENCE = /^\S+(\s+\S+){3,}/;
const ADVICE = [/In the sandbox, SES only delivers/i, /or verify the recipient/i, /Likely cause:/];

function offenders(rel: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORDING_FIELD)) {
    const value = m[0].slice(m[0].indexOf(m[2]) + 1, -1);
    if (SENTENCE.test(value)) out.push(`${rel}: ${m[1]}: "${value.slice(0, 60)}"`);
  }
  for (const re of ADVICE) if (re.test(text)) out.push(`${rel}: ${re}`);
  return out;
}

/**
 * The signature doctor (lib/sigv4/doctor/) emits `{code, evidence}` only, so there any string literal that reads as
 * prose fails: four or more words, three of them plain lower-case words, once comments and `${…}` are set aside.
 * Formats (`AWS4-HMAC-SHA256 Credential=${…}`), keys ("curl-needs-value") and data pass. input-schema.ts is the HTTP
 * endpoint's input contract, whose validation message is the API's answer to a malformed call, not a finding.
 */
const DOCTOR = "lib/sigv4/doctor";
const DOCTOR_EXEMPT = new Set([`${DOCTOR}/input-schema.ts`]);
const STRING_LITERAL = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;

function doctorSentences(rel: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  const out: string[] = [];
  for (const m of code.matchAll(STRING_LITERAL)) {
    const value = m[2].replace(/\$\{[^}]*\}/g, "");
    const words = value.split(/\s+/).filter(Boolean);
    const plain = words.filter((w) => /^[a-z]+[,.;:]?$/.test(w));
    if (words.length >= 4 && plain.length >= 3) out.push(`${rel}: "${value.slice(0, 60)}"`);
  }
  return out;
}

describe("the signature doctor words nothing itself (lib/sigv4/doctor/: codes and evidence only)", () => {
  it("finds no sentence in its code", () => {
    const found = files(DOCTOR)
      .filter((f) => !DOCTOR_EXEMPT.has(f))
      .flatMap((f) => doctorSentences(f, readFileSync(path.join(ROOT, f), "utf8")));
    expect(files(DOCTOR).length).toBeGreaterThan(5);
    expect(found).toEqual([]);
  });

  it("would find the detail sentences the doctor built inline before", () => {
    const before = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
      'finding("host-missing", "error", "structural", `SignedHeaders is "${signed.join(";")}", without host.`)',
      'detail: "the path was encoded once (as S3 does) instead of twice",',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
      'if (!m) return `"${url.trim().slice(0, 80)}" is not an http(s) URL.`;',
      "throw new Error('Unterminated single quote in the curl command.');",
    ];
    for (const line of before) expect(doctorSentences("x.ts", line), line).toHaveLength(1);
    // formats, keys, comments and data pass
    const fine = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
      "const authorization = `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signed}, Signature=${sig}`;",
      'throw new CurlError("curl-needs-value", w);',
      "// the request-changed finding names the cause; a different secret would be a guess",
      'seen("sigv4.host-missing", "structural", { case: "unsigned", signedHeaders: signedText })',
    ];
    for (const line of fine) expect(doctorSentences("x.ts", line), line).toEqual([]);
  });
});

describe("no cause or fix sentence outside the catalogue (lib/ and components/)", () => {
  it("finds none", () => {
    const found = [...files("lib"), ...files("components")]
      .filter((f) => !inCatalogue(f))
      .flatMap((f) => offenders(f, readFileSync(path.join(ROOT, f), "utf8")));
    expect(found).toEqual([]);
  });

  it("would find the tables that lived outside it before (LIKELY, explainAuthFailure, the sandbox paragraph)", () => {
    expect(
      offenders(
        "x.ts",
        'const LIKELY = { a: { cause: "an SES SMTP password was pasted instead", fix: "put the secret" } };',
      ),
    ).toHaveLength(1);
    expect(offenders("x.ts", 'return { remedy: "Derive the SMTP password from the IAM secret." };')).toHaveLength(1);
    expect(offenders("x.tsx", "<p>In the sandbox, SES only delivers to verified addresses</p>")).toHaveLength(1);
    // data is fine
    expect(offenders("x.ts", 'return { likelyCause: "secret-as-password" };')).toEqual([]);
  });
});

/**
 * Scan 2, the directories cleaned of inline prose: every string literal, template literal and JSX text that reads
 * like a cause or a fix of an AWS, DNS, SMTP or credential failure — six or more words, AWS/credential vocabulary,
 * and a failure marker ("may not", "rejected", "could not reach", "did not answer" …) or, in nine or more words, an
 * imperative fix about policies, permissions, keys, the network or DNS ("Add … to their policy", "Check the
 * network …"). Comments are not scanned. Plain form validation ("Paste the access key ID.") and labels stay short
 * or free of failure words, so they pass. (lib/sigv4/doctor has its own, stricter scan above.)
 */
/** Scanned for cause/fix sentences in any literal (lib/sigv4/doctor: helper "sigcat" adds it here). */
const CLEANED = [
  "lib/aws",
  "lib/credentials",
  "lib/diagnose",
  "lib/dns",
  "lib/env",
  "lib/events",
  "lib/golive",
  "lib/health",
  "lib/http",
  "lib/policy",
  "lib/rotate",
  "lib/setup",
  "lib/smtp",
  "components",
  "app/api",
];

/**
 * Sentences that stay where they are, each with its reason: `file` and a fragment of the sentence. Keep it short.
 */
const ALLOWED: { file: string; fragment: string; why: string }[] = [
  {
    file: "lib/setup/contract.ts",
    fragment: "not a user name: the fields look swapped",
    why: "form validation of the user-name field (a zod message shown at the field, before anything reaches AWS)",
  },
  {
    file: "lib/rotate/rotate.ts",
    fragment: "SMTP targets store a derived SMTP password",
    why: "a limit of the rotation flow for SMTP targets, said before any AWS call; not a failure",
  },
  {
    file: "lib/diagnose/probes/account.ts",
    fragment: "GetAccount was refused",
    why: "evidence (how the sandbox was detected), shown inside account.sandbox's why, not a sentence of its own",
  },
  {
    file: "lib/health/service.ts",
    fragment: "AWS did not answer within",
    why: "evidence message of endpoint.health-timeout/-error (the finding carries the wording)",
  },
  {
    file: "app/api/setup/demo/dns/route.ts",
    fragment: "The stand-in's DNS refused",
    why: "demo only: the stand-in's DNS admin API, not a DNS provider a person fixes",
  },
  {
    file: "app/api/setup/env/route.ts",
    fragment: "Sesame may not write",
    why: "the local filesystem (file permissions), not AWS, DNS, SMTP or credentials",
  },
  // found when the scan learnt the SMTP tool's region sentences (smtp.password-region-*): kept for now, follow-ups
  {
    file: "lib/setup/where.ts",
    fragment: "is not an AWS region name",
    why: "form validation of the wizard's region field (a 400 naming the field), like contract.ts above",
  },
  {
    file: "lib/setup/where.ts",
    fragment: "Amazon SES is not offered in",
    why: "form validation of the wizard's region field (a 400 naming the field); the picker lists only SES regions",
  },
  {
    file: "components/setup/target-form.tsx",
    fragment: "has no SMTP endpoint.",
    why: "a label under the region picker saying what the region offers, not a failure",
  },
  {
    file: "app/api/tools/sigv4-doctor/route.ts",
    fragment: "This endpoint takes no secret",
    why: "the signature doctor's own route (helper sigcat's area): says where the secret may be used",
  },
];

// ── scan 2: cause/fix sentences in any literal ──────────────────────────────────────────────────────────────────

const VOCAB =
  /\b(AWS|SES|IAM|STS|SNS|Route 53|credentials?|access key|keys?|identit(y|ies)|secret|polic(y|ies)|permissions?|DNS|SMTP|endpoint|session token|region|DKIM|MAIL FROM)\b/;
const FAILURE =
  /\b(may not|not allowed to|rejected|refused|could not reach|did not answer|does not accept|denied|not authori[sz]ed|expired|throttled|timed out|not verified|does not match|collides|already (has|looks|exists)|looks like|no public|removed (whitespace|the quotes)|copy-paste accident|not part of it|characters long|contain only|other characters|no SMTP endpoint|endpoints exist in|is not offered in|is not (an AWS|a) region)\b/i;
const FIX =
  /(^|[.!?;:—]\s+)(check|add|allow|use|delete|paste|verify|wait|remove|retry|try again|give|run|publish|attach|grant|request|sync|enable|create|copy|derive|convert|restore)\b[^.]*\b(polic(y|ies)|permissions?|IAM console|session token|access key|secret|DNS provider|Route 53|NTP|clock|network|firewall|proxy|endpoint)\b/i;
/** string, template and JSX text literals */
const LITERAL = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|>([^<>{}]+)</g;

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
}

/** Literals of a file that read as a cause or fix of an AWS/DNS/SMTP/credential failure. */
function proseOffenders(rel: string, text: string): string[] {
  const out: string[] = [];
  for (const m of withoutComments(text).matchAll(LITERAL)) {
    const value = (m[1] ?? m[0].slice(1, -1))
      .replace(/\$\{[^}]*\}/g, "X")
      .replace(/\s+/g, " ")
      .trim();
    const words = value.split(" ").length;
    if (words < 6 || !VOCAB.test(value)) continue;
    if (!FAILURE.test(value) && !(words >= 9 && FIX.test(value))) continue;
    if (ALLOWED.some((a) => a.file === rel && value.includes(a.fragment))) continue;
    out.push(`${rel}: "${value.slice(0, 100)}"`);
  }
  return out;
}

describe("no cause or fix sentence in the cleaned directories (wizard, go-live, rotation, events, health …)", () => {
  it(`the cleaned directories (${CLEANED.join(", ")}): no cause or fix sentence in any literal`, () => {
    const found = CLEANED.flatMap(files)
      .filter((f) => !inCatalogue(f))
      .flatMap((f) => proseOffenders(f, readFileSync(path.join(ROOT, f), "utf8")));
    expect(found).toEqual([]);
  });

  it("skips the catalogue's section files only, and they are there", () => {
    const sections = files("lib/findings/catalogue");
    expect(sections.length).toBeGreaterThan(5);
    expect(sections.every(inCatalogue)).toBe(true);
    // the section files are exactly what the scan would flag elsewhere
    const flagged = sections.flatMap((f) => proseOffenders(f, readFileSync(path.join(ROOT, f), "utf8")));
    expect(flagged.length).toBeGreaterThan(20);
    expect(files("lib/findings").filter((f) => !inCatalogue(f))).toContain("lib/findings/section.ts");
  });

  it("every allow-list entry still matches something (a stale entry is removed, not kept)", () => {
    for (const a of ALLOWED) {
      expect(readFileSync(path.join(ROOT, a.file), "utf8"), `${a.file}: ${a.why}`).toContain(a.fragment);
    }
  });

  it("trips on the sentences that lived in lib/setup, lib/golive and lib/events before (planted examples)", () => {
    const planted = [
      // lib/setup/domain.ts failure()
      "message: `These credentials may not #{what} (missing #{permission}). Use credentials that can, below.`,",
      "message: `Could not reach SES to #{what} (#{e.code}).`",
      "message: `SES refused to #{what}: #{e.code}: #{e.message}`",
      // lib/setup/iam.ts and lib/golive/role-policy.ts
      "message: `The bootstrap credentials are not allowed to call #{permission}. Add #{permission} to their policy and try again.`,",
      "message: `Could not reach AWS #{service} at #{endpoint} (#{e.code}). Check the network or the custom endpoint, then retry.`,",
      // a pure fix without a failure word
      'error: "Add ses:CreateEmailIdentity to the policy of these credentials and run the step again.",',
      // lib/smtp/smtp-region.ts, the SMTP password tool's paste checks (now smtp.paste-key-id, smtp.paste-smtp-password)
      'message: "This looks like an access key ID (AKIA…/ASIA…), not the secret access key that goes with it.",',
      'message: "This already looks like an SES SMTP password (44 characters starting with B); convert the IAM secret access key instead.",',
      // lib/smtp/smtp-region.ts, its secret notes and region refusals (now smtp.paste-*, smtp.password-region-*;
      // "No region given." and "No secret access key given." were too short for the scan's six words)
      "message: `Removed whitespace from the secret (#{cleaned.whitespace}; a common copy-paste accident).`,",
      'warnings.push({ code: "quotes", message: "Removed the quotes around the secret; they are not part of it." });',
      "message: `IAM secret access keys are 40 characters long; this one has #{secret.length}.`,",
      "message: \"IAM secret access keys contain only letters, digits, '+' and '/'; this one has other characters.\",",
      'message: `#{why} SES SMTP endpoints exist in: #{list.join(", ")}.`,',
      'return fail("malformed", `"#{input.trim()}" is not an AWS region code (like eu-west-1).`);',
      "`SES has no SMTP endpoint in #{region}, so no SMTP password works there; send through the SES API in #{region}, or send over SMTP from another region where your identity is verified.`,",
      'if (isKnownRegion(region)) return fail("no-ses", `Amazon SES is not offered in #{region}.`);',
      'return fail("unknown", `#{region} is not a region Sesame knows.`);',
      // JSX text
      "<Alert>A CNAME collides with other records at the same name. Remove the conflicting record in Route 53 first.</Alert>",
    ];
    // #{…} stands for a template placeholder: the lines are source text, as the scan reads it
    for (const line of planted.map((l) => l.replaceAll("#{", "${"))) {
      expect(proseOffenders("lib/setup/planted.ts", line), line).toHaveLength(1);
    }
  });

  it("lets form validation, labels and data through", () => {
    const fine = [
      'z.string().min(3, "Enter a domain such as example.com.")',
      'z.string().min(1, "Paste the bootstrap access key ID.")',
      '{ label: "Credentials", pass: "The access key is valid and active." }',
      "<p>Sesame tests the key against AWS before anything is written.</p>",
      'evidence: { errorCode: "AccessDenied", message: e.message }',
      "// These credentials may not create the identity: a comment explaining why is fine.",
    ];
    for (const line of fine) expect(proseOffenders("lib/setup/fine.ts", line), line).toEqual([]);
  });
});
