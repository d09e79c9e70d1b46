import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Issue 9 §2: every cause and fix a person reads lives in lib/findings/catalogue.ts. This scan of lib/ and components/
 * finds cause/fix sentences anywhere else: object fields that carry wording (cause, fix, remedy, why, likelyCause,
 * likelyFix, hint, advice, note) with a sentence as value, and the sandbox/recipient advice once hard-coded on screen.
 */

const ROOT = path.resolve(__dirname, "../..");
const CATALOGUE = "lib/findings/catalogue.ts";

function files(dir: string): string[] {
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
      .filter((f) => f !== CATALOGUE)
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
