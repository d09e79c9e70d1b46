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
