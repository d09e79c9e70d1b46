import "server-only";
import { readFile } from "node:fs/promises";
import { endpointsFromEnv } from "@/lib/aws";
import type { SesameConfig } from "@/lib/config";
import type { DiagnoseInputRaw, TargetId } from "@/lib/diagnose/schema";
import { envVarsOf } from "@/lib/env/parse";
import { getTarget } from "@/lib/env/targets";
import { usesDefaultChain, withChainCredentials } from "@/lib/golive/credential-chain";
import { parsePortMap } from "@/lib/smtp/ports";
import { maskKeyId } from "./snapshot";

/**
 * What the deployed platform is configured with, as the health round sees it: the env file Sesame wrote (shared
 * with the platform's container) first, the process environment second. Values are read on every round, so a
 * rotated key or an edited file shows up at the next refresh without restarting Sesame.
 */

export interface DeployedConfig {
  input: DiagnoseInputRaw;
  target: TargetId;
  source: "env-file" | "process-env" | "chain" | "none";
  /** masked key id, for display */
  keyId?: string;
  region?: string;
  domain?: string;
  envFile: string;
  envFileFound: boolean;
}

export async function loadDeployedConfig(
  config: SesameConfig,
  processEnv: Record<string, string | undefined> = process.env,
): Promise<DeployedConfig> {
  const target = getTarget(config.target);
  const names = target.vars;
  let fileText: string | undefined;
  try {
    fileText = await readFile(config.envFile, "utf8");
  } catch {
    fileText = undefined;
  }
  const fileVars = fileText === undefined ? {} : envVarsOf(fileText);

  const credentialName = target.mode === "smtp" ? names.smtpUser : names.accessKeyId;
  const inFile = !!credentialName && !!fileVars[credentialName];
  const inProcess = !!credentialName && !!processEnv[credentialName];
  let source: DeployedConfig["source"] = inFile ? "env-file" : inProcess ? "process-env" : "none";
  const vars: Record<string, string | undefined> = inFile || !inProcess ? fileVars : { ...processEnv };
  const pick = (name: string | undefined) => (name ? vars[name] : undefined);

  const smtpHost = pick(names.smtpHost);
  const region =
    target.mode === "smtp"
      ? smtpHost?.match(/^email-smtp\.([a-z0-9-]+)\.amazonaws\.com$/)?.[1]
      : (pick(names.region) ?? target.defaultRegion);
  const accessKeyId = target.mode === "smtp" ? pick(names.smtpUser) : pick(names.accessKeyId);
  const smtpPort = Number(pick(names.smtpPort));
  // Sesame's own SMTP override (the demo's stand-in) replaces where the probe connects, not what the platform uses
  const override = config.smtpEndpoint ? /^\[?([^\]]+?)\]?:(\d+)$/.exec(config.smtpEndpoint.trim()) : null;
  const smtpCa =
    override && config.smtpCaFile ? await readFile(config.smtpCaFile, "utf8").catch(() => undefined) : undefined;

  let input: DiagnoseInputRaw = {
    target: target.id,
    region,
    accessKeyId,
    secretAccessKey: pick(names.secretAccessKey),
    smtpPassword: pick(names.smtpPassword),
    smtpHost: override?.[1] ?? smtpHost,
    smtpPort: override ? Number(override[2]) : Number.isInteger(smtpPort) && smtpPort > 0 ? smtpPort : undefined,
    ...(smtpCa ? { smtpCa } : {}),
    // SMTP apps: the port matrix from this host (docs/health.md, "Connectivity")
    // (with Sesame's own endpoint override, only where SESAME_SMTP_PORT_MAP says the override plays SES's ports)
    smtpPorts: target.mode === "smtp" && (!override || !!parsePortMap(config.smtpPortMap)),
    ...(target.mode === "smtp" && parsePortMap(config.smtpPortMap)
      ? { smtpPortMap: parsePortMap(config.smtpPortMap) }
      : {}),
    endpoint: config.endpoint,
    // per-service overrides (AWS_ENDPOINT_URL_SES …) belong to Sesame's own environment, never to the platform's file
    endpoints: stripUndefined(endpointsFromEnv(processEnv).endpoints),
    domain: config.domain,
    dnsServer: config.dnsServer,
    env: fileText === undefined ? undefined : fileVars,
    envText: fileText,
    timeoutMs: config.timeoutMs,
    readOnly: true,
  };
  // no key configured: the platform would use the AWS default credential chain, so check the one Sesame's process has
  // — in the demo too, where a role walk leaves no key in the env file (docs/health.md, "No key: the default chain")
  if (usesDefaultChain(input, target.id, processEnv)) {
    input = await withChainCredentials(input, config.timeoutMs);
    source = "chain";
  }
  return {
    input,
    target: target.id,
    source,
    keyId: maskKeyId(accessKeyId),
    region,
    domain: config.domain,
    envFile: config.envFile,
    envFileFound: fileText !== undefined,
  };
}

function stripUndefined<T extends Record<string, string | undefined>>(o: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v)) as Partial<Record<keyof T, string>>;
}
