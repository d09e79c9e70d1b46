import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "../../emulator/index";
import { SMTP_TLS_CERT } from "../../emulator/smtp/cert";
import { DEMO_SMTP_LISTENERS, sesSmtpPortMap } from "../../emulator/smtp/port-map";
import { demoRoleEnv } from "../../scripts/demo-role";
import { ensureBuild, repoRoot, startNext } from "../../scripts/next-server";

/**
 * Playwright's web server: the AWS stand-in on free ports with the demo config, and the production Next server
 * wired to it (own state dir, env file and setup token). Specs find the stand-in and the token in .runtime.json.
 */
async function main() {
  await ensureBuild({ force: process.env.E2E_BUILD === "1" });
  const config = JSON.parse(readFileSync(path.join(repoRoot, "emulator", "demo-config.json"), "utf8"));
  const emulator = await startEmulator(config, { smtpListeners: DEMO_SMTP_LISTENERS, quiet: true });
  const dir = mkdtempSync(path.join(tmpdir(), "sesame-e2e-"));
  const token = `e2e-token-${randomBytes(12).toString("hex")}`;
  const port = Number(process.env.E2E_PORT ?? 3100);
  const runtime = {
    baseURL: `http://127.0.0.1:${port}`,
    emulatorUrl: emulator.url,
    token,
    envFile: path.join(dir, "platform.env"),
    stateDir: path.join(dir, "state"),
    dnsServer: `127.0.0.1:${emulator.ports.dns}`,
    smtp: `127.0.0.1:${emulator.ports.smtp}`,
    smtpCaFile: path.join(dir, "stand-in-smtp-ca.pem"),
  };
  writeFileSync(runtime.smtpCaFile, SMTP_TLS_CERT);
  // .runtime-<port>.json too: several servers (ports) may run at once and must not read each other's token
  for (const name of [".runtime.json", `.runtime-${port}.json`])
    writeFileSync(path.join(import.meta.dirname, name), `${JSON.stringify(runtime, null, 2)}\n`);
  const child = startNext(
    port,
    {
      ...process.env,
      SESAME_ENV_FILE: runtime.envFile,
      SESAME_STATE_DIR: runtime.stateDir,
      SESAME_SETUP_TOKEN: token,
      AWS_ENDPOINT_URL: emulator.url,
      SESAME_EMULATOR_URL: emulator.url,
      SESAME_DNS_SERVER: runtime.dnsServer,
      SESAME_SMTP_ENDPOINT: runtime.smtp,
      SESAME_SMTP_CA_FILE: runtime.smtpCaFile,
      SESAME_SMTP_PORT_MAP: sesSmtpPortMap("127.0.0.1", emulator.ports),
      SESAME_DEMO: "1",
      SESAME_TIMEOUT_MS: "4000",
      // the role path: Sesame's own default chain gets the stand-in role's credentials (as on ECS)
      ...demoRoleEnv(emulator.url),
      // no real credentials may leak into the e2e server
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
    },
    "127.0.0.1",
  );
  const stop = async () => {
    child.kill("SIGTERM");
    await emulator.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  child.on("exit", () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
