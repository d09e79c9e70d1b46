import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { ReportSchema } from "@/lib/diagnose/schema";
import { runDoctorCli } from "../helpers/doctor-cli";

/**
 * Keys without keys: `sesame doctor` with no key configured and SESAME_DEMO=0 checks what the AWS SDK's default
 * chain gives, as the platform would. The ECS task-role case is real: the SDK fetches temporary credentials from a
 * container credentials endpoint (here a local one), and the stand-in accepts exactly those.
 */

const ROLE = {
  id: "ASIAEXAMPLETASKROLE1",
  secret: "taskroleEXAMPLEsecret/0000000000000000+1",
  token: "EXAMPLEtaskROLEsessionTOKEN//valid",
};
let emu: RunningEmulator;
let ecs: Server;
let ecsUrl: string;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator(
    {
      users: [
        {
          name: "app-task-role",
          managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"],
          accessKeys: [
            { id: ROLE.id, secret: ROLE.secret, sessionToken: ROLE.token, expiresAt: "2099-01-01T00:00:00Z" },
          ],
        },
      ],
      regions: { "eu-west-1": { sandbox: false } },
    },
    { quiet: true },
  );
  // what the ECS agent serves at AWS_CONTAINER_CREDENTIALS_FULL_URI
  ecs = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        AccessKeyId: ROLE.id,
        SecretAccessKey: ROLE.secret,
        Token: ROLE.token,
        Expiration: new Date(Date.now() + 3600_000).toISOString(),
      }),
    );
  });
  await new Promise<void>((r) => ecs.listen(0, "127.0.0.1", () => r()));
  ecsUrl = `http://127.0.0.1:${(ecs.address() as { port: number }).port}/v2/credentials/task`;
  dir = mkdtempSync(path.join(tmpdir(), "sesame-chain-"));
});

afterAll(async () => {
  await emu?.close();
  await new Promise<void>((r) => (ecs ? ecs.close(() => r()) : r()));
  rmSync(dir, { recursive: true, force: true });
});

function doctor(target: string, envText: string, extra: Record<string, string>) {
  const file = path.join(dir, `${target}-${Math.random().toString(36).slice(2)}.env`);
  writeFileSync(file, envText);
  // nothing from the developer's machine may feed the chain: empty HOME, no shared files, no instance metadata
  return runDoctorCli(["--env", file, "--target", target, "--json", "--timeout", "3000"], {
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, "none-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: emu.url,
    SESAME_DEMO: "0",
    ...extra,
  });
}

describe("doctor with no key configured (SESAME_DEMO=0)", () => {
  it("an ECS task role: the chain's temporary credentials are checked against SES, no key is missing", async () => {
    const r = await doctor("aws", "AWS_REGION=eu-west-1\n", { AWS_CONTAINER_CREDENTIALS_FULL_URI: ecsUrl });
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    const codes = report.findings.map((f) => f.code);
    expect(codes).toContain("credentials.from-chain");
    expect(report.findings.find((f) => f.code === "credentials.from-chain")?.title).toContain(
      "temporary role credentials",
    );
    expect(codes).not.toContain("credentials.missing");
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.stdout).not.toContain(ROLE.secret);
    expect(r.stdout).not.toContain(ROLE.token);
  });

  it("nothing in the chain: one clear error, not 'variable missing'", async () => {
    const r = await doctor("usesend", "AWS_DEFAULT_REGION=eu-west-1\n", {});
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    const f = report.findings.find((x) => x.code === "credentials.chain-empty");
    expect(f?.severity).toBe("error");
    expect(f?.fix).toMatch(/instance profile, ECS task role or an IRSA service account/);
    expect(report.findings.map((x) => x.code)).not.toContain("credentials.missing");
    expect(r.code).toBe(1);
  });

  it("Plunk cannot use a role: said so even when the chain has credentials", async () => {
    const r = await doctor("plunk", "AWS_SES_REGION=eu-west-1\n", { AWS_CONTAINER_CREDENTIALS_FULL_URI: ecsUrl });
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    const f = report.findings.find((x) => x.code === "credentials.chain-not-supported");
    expect(f?.severity).toBe("error");
    expect(f?.detail).toContain("AWS_SES_ACCESS_KEY_ID");
  });
});

describe("doctor in the demo (SESAME_DEMO=1): the chain for platforms that may use it, nothing else changes", () => {
  it("an AWS SDK app with no key: the chain's role is checked (a role walk leaves no key in the env file)", async () => {
    const r = await doctor("aws", "AWS_REGION=eu-west-1\n", {
      SESAME_DEMO: "1",
      AWS_CONTAINER_CREDENTIALS_FULL_URI: ecsUrl,
    });
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.findings.map((f) => f.code)).toContain("credentials.from-chain");
    expect(report.findings.map((f) => f.code)).not.toContain("credentials.missing");
    expect(r.code).toBe(0);
  });

  it("a key in the env file wins over the chain", async () => {
    const r = await doctor(
      "aws",
      `AWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${ROLE.id}\nAWS_SECRET_ACCESS_KEY=${ROLE.secret}\n`,
      {
        SESAME_DEMO: "1",
        AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:1/never-asked",
      },
    );
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.findings.map((f) => f.code)).not.toContain("credentials.from-chain");
    expect(report.findings.map((f) => f.code)).not.toContain("credentials.chain-empty");
  });

  it("Plunk with no key: the key is missing, as before (the chain is not asked)", async () => {
    const r = await doctor("plunk", "AWS_SES_REGION=eu-west-1\n", {
      SESAME_DEMO: "1",
      AWS_CONTAINER_CREDENTIALS_FULL_URI: ecsUrl,
    });
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.findings.map((f) => f.code)).not.toContain("credentials.chain-not-supported");
    expect(report.findings.map((f) => f.code)).not.toContain("credentials.from-chain");
    expect(r.code).toBe(1);
  });
});
