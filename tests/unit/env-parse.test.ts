import { parse as dotenvParse } from "dotenv";
import { describe, expect, it } from "vitest";
import { envVarsOf, parseEnv, serializeEnv } from "@/lib/env/parse";

const SAMPLE = [
  "# Plunk self-host env",
  "",
  "export DATABASE_URL=postgres://plunk:pw@db:5432/plunk # inline comment",
  "AWS_SES_REGION = eu-west-1",
  "JWT_SECRET='a#b $c'",
  'MULTI="line one',
  'line two"',
  "yaml_style: value",
  "this line is not a variable",
  "EMPTY=",
  "",
].join("\n");

describe("parseEnv", () => {
  it("round-trips any file byte for byte", () => {
    for (const text of [
      SAMPLE,
      "",
      "\n",
      "A=1",
      "A=1\r\nB='2'\r\n",
      "  # indented\n\n\nX=1\n\n",
      'Q="unterminated\nR=2\n',
    ]) {
      expect(serializeEnv(parseEnv(text))).toBe(text);
    }
  });

  it("keeps comments, blanks and unparseable lines in order", () => {
    const kinds = parseEnv(SAMPLE).entries.map((e) => e.kind);
    expect(kinds).toEqual(["comment", "blank", "var", "var", "var", "var", "var", "other", "var"]);
  });

  it("reads each value exactly as dotenv does", () => {
    const fromModel = Object.fromEntries(
      parseEnv(SAMPLE)
        .entries.filter((e) => e.kind === "var")
        .map((e) => [e.key, e.value]),
    );
    expect(fromModel).toEqual(dotenvParse(SAMPLE));
    expect(fromModel.MULTI).toBe("line one\nline two");
    expect(fromModel.JWT_SECRET).toBe("a#b $c");
    expect(fromModel.DATABASE_URL).toBe("postgres://plunk:pw@db:5432/plunk");
  });

  it("records export, quote style and the text after the separator", () => {
    const [, , db, region, jwt] = parseEnv(SAMPLE).entries;
    expect(db).toMatchObject({ kind: "var", exported: true, quote: null });
    expect(region).toMatchObject({ key: "AWS_SES_REGION", value: "eu-west-1" });
    expect(jwt).toMatchObject({ quote: "'", rawValue: "'a#b $c'" });
  });

  it("treats a multi-line quoted value as one entry", () => {
    const multi = parseEnv(SAMPLE).entries.find((e) => e.kind === "var" && e.key === "MULTI");
    expect(multi?.raw).toBe('MULTI="line one\nline two"');
  });

  it("detects CRLF files", () => {
    expect(parseEnv("A=1\r\nB=2\r\n").crlf).toBe(true);
    expect(parseEnv("A=1\nB=2\n").crlf).toBe(false);
    expect(envVarsOf("A=1\r\nB=2\r\n")).toEqual({ A: "1", B: "2" });
  });
});
