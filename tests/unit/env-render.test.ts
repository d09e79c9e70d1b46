import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as dotenvParse } from "dotenv";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env/parse";
import { applyVars, canRenderValue, EnvValueError, maskValue, renderLine, renderValue } from "@/lib/env/render";

const NASTY = [
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9",
  "a#b",
  "a #b",
  "#leading",
  "pa$$word",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${ is the point
  "${HOME}",
  "$HOME",
  'say "hi"',
  "it's",
  "back\\slash",
  "  padded  ",
  "tab\there",
  "x=y=z",
  "multi\nline",
  "it's\nmultiline",
  "`tick`",
  "ünïcødé ✓",
  "",
];

function composeRead(vars: Record<string, string>): Record<string, string> | null {
  // docker-compose (v1.29, Debian) validates a compose file offline and prints env_file values it read
  const dir = mkdtempSync(path.join(tmpdir(), "sesame-compose-"));
  try {
    writeFileSync(path.join(dir, "app.env"), applyVars("", vars).text);
    writeFileSync(
      path.join(dir, "docker-compose.yml"),
      'version: "3"\nservices:\n  app:\n    image: busybox\n    env_file: app.env\n',
    );
    const yaml = execFileSync("docker-compose", ["config"], { cwd: dir, encoding: "utf8", timeout: 20_000 });
    const json = execFileSync(
      "python3",
      ["-c", "import yaml,json,sys; print(json.dumps(yaml.safe_load(sys.stdin)['services']['app']['environment']))"],
      { input: yaml, encoding: "utf8", timeout: 10_000 },
    );
    const env = JSON.parse(json) as Record<string, string | null>;
    // `config` re-escapes literal dollars as $$ for its own interpolation
    return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, (v ?? "").replace(/\$\$/g, "$")]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let hasCompose = false;
try {
  execFileSync("docker-compose", ["version"], { stdio: "ignore", timeout: 10_000 });
  execFileSync("python3", ["-c", "import yaml"], { stdio: "ignore", timeout: 10_000 });
  hasCompose = true;
} catch {}

describe("renderValue", () => {
  it("leaves plain values bare and quotes the rest", () => {
    expect(renderValue("eu-west-1")).toBe("eu-west-1");
    expect(renderValue("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBe("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    expect(renderValue("pa$$word")).toBe("'pa$$word'");
    expect(renderValue("a #b")).toBe("'a #b'");
    expect(renderValue("it's")).toBe(`"it's"`);
  });

  it("round-trips every representable value through dotenv", () => {
    for (const v of NASTY) {
      if (!canRenderValue(v)) continue;
      expect(dotenvParse(renderLine("K", v)).K, JSON.stringify(v)).toBe(v);
    }
  });

  it("round-trips random values through dotenv or refuses them", () => {
    const alphabet = "aZ09+/=#$\"' \\`\n\t-_.:@,%!{}";
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let rendered = 0;
    for (let i = 0; i < 3000; i++) {
      const len = 1 + Math.floor(rnd() * 12);
      let v = "";
      for (let j = 0; j < len; j++) v += alphabet[Math.floor(rnd() * alphabet.length)];
      if (!canRenderValue(v)) {
        expect(() => renderValue(v)).toThrow(EnvValueError);
        continue;
      }
      rendered++;
      expect(dotenvParse(`A=1\n${renderLine("K", v)}\nB=2\n`), JSON.stringify(v)).toEqual({ A: "1", K: v, B: "2" });
    }
    expect(rendered).toBeGreaterThan(1000);
  });

  it("refuses a value no quoting can carry and names the problem", () => {
    expect(() => renderValue(`it's "quoted"`)).toThrow(EnvValueError);
    expect(() => renderValue("it's $5")).toThrow(/single quote/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${ is the point
    expect(() => renderValue("x${HOME}")).toThrow(/docker compose/);
    expect(() => renderValue("a\\\\b")).toThrow(/double backslash/);
    expect(() => renderLine("1BAD", "x")).toThrow(/not a valid variable name/);
  });

  it.skipIf(!hasCompose)("writes values docker compose's env_file reads back unchanged", () => {
    const vars: Record<string, string> = {};
    NASTY.forEach((v, i) => {
      if (canRenderValue(v)) vars[`V${i}`] = v;
    });
    expect(Object.keys(vars).length).toBeGreaterThan(10);
    expect(composeRead(vars)).toEqual(vars);
  });
});

describe("applyVars", () => {
  const before = [
    "# Plunk",
    "export AWS_SES_REGION=us-east-1 # old region",
    "JWT_SECRET=keep-me",
    "AWS_ACCESS_KEY_ID=AKIAOLDOLDOLDEXAMPLE",
    "",
    "AWS_SES_REGION=us-east-1",
  ].join("\n");

  it("replaces in place, appends new keys under a dated comment and keeps everything else", () => {
    const { text, changes } = applyVars(
      before,
      { AWS_SES_REGION: "eu-west-1", AWS_SES_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" },
      { now: new Date("2026-11-23T10:00:00.123Z") },
    );
    expect(text).toBe(
      [
        "# Plunk",
        "export AWS_SES_REGION=eu-west-1",
        "JWT_SECRET=keep-me",
        "AWS_ACCESS_KEY_ID=AKIAOLDOLDOLDEXAMPLE",
        "",
        "AWS_SES_REGION=eu-west-1",
        "",
        "# Added by Sesame 2026-11-23T10:00:00Z",
        "AWS_SES_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
        "",
      ].join("\n"),
    );
    expect(changes).toEqual([
      { key: "AWS_SES_REGION", action: "updated" },
      { key: "AWS_SES_ACCESS_KEY_ID", action: "added" },
    ]);
  });

  it("reports unchanged values and does not touch their lines", () => {
    const { text, changes } = applyVars(before, { JWT_SECRET: "keep-me" });
    expect(text).toBe(`${before}\n`);
    expect(changes).toEqual([{ key: "JWT_SECRET", action: "unchanged" }]);
  });

  it("comments out legacy names instead of deleting them", () => {
    const { text, changes } = applyVars(
      before,
      { AWS_SES_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" },
      { commentOut: { AWS_ACCESS_KEY_ID: "AWS_SES_ACCESS_KEY_ID" } },
    );
    expect(text).toContain("# AWS_ACCESS_KEY_ID=AKIAOLDOLDOLDEXAMPLE");
    expect(dotenvParse(text).AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(changes).toContainEqual({
      key: "AWS_ACCESS_KEY_ID",
      action: "commented-out",
      replacedBy: "AWS_SES_ACCESS_KEY_ID",
    });
  });

  it("rewrites a line whose value dotenv reads right but docker compose would not", () => {
    expect(applyVars("K=abc#def\n", { K: "abc" }).text).toBe("K=abc\n");
    expect(applyVars('K="a$b"\n', { K: "a$b" })).toEqual({
      text: "K='a$b'\n",
      changes: [{ key: "K", action: "updated" }],
    });
    expect(applyVars("K='a$b'\n", { K: "a$b" }).changes).toEqual([{ key: "K", action: "unchanged" }]);
  });

  it("keeps CRLF files CRLF", () => {
    const { text } = applyVars("A=1\r\nB=2\r\n", { B: "3", C: "4" });
    expect(
      text
        .split("\n")
        .slice(0, -1)
        .every((l) => l.endsWith("\r")),
    ).toBe(true);
    expect(dotenvParse(text)).toEqual({ A: "1", B: "3", C: "4" });
  });

  it("replaces a multi-line value whole", () => {
    const { text } = applyVars('K="one\ntwo"\nL=1\n', { K: "flat" });
    expect(text).toBe("K=flat\nL=1\n");
  });

  it("writes nothing when a value cannot be represented", () => {
    expect(() => applyVars(before, { A: "ok", B: `it's "x"` })).toThrow(EnvValueError);
  });

  it("starts a file from nothing", () => {
    const { text } = applyVars("", { A: "1" }, { now: new Date("2026-01-01T00:00:00Z") });
    expect(text).toBe("# Added by Sesame 2026-01-01T00:00:00Z\nA=1\n");
    expect(parseEnv(text).entries).toHaveLength(2);
  });
});

describe("maskValue", () => {
  it("shows no character of a secret-shaped value, and only the ends of other long values", () => {
    expect(maskValue("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBe("•••••••• (40 chars)");
    expect(maskValue("https://hooks.example.com/x")).toBe("ht…/x (27 chars)");
    expect(maskValue("short")).toBe("*** (5 chars)");
    expect(maskValue("")).toBe("(empty)");
  });
});
