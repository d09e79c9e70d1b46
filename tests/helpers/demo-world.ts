import { readFileSync } from "node:fs";
import path from "node:path";

/** The demo world the stand-in starts with in `npm start` and the e2e server (emulator/demo-config.json). */
/** Parsed as the tests' own JSON (untyped): specs spread, extend and re-send it to the stand-in's admin API. */
export const DEMO_CONFIG = JSON.parse(readFileSync(path.resolve(__dirname, "../../emulator/demo-config.json"), "utf8"));

type DemoUser = { name: string; accessKeys: { id: string; secret: string }[] };

/** A demo user's first access key as the config stores it. */
export function demoAccessKey(user: string): { id: string; secret: string } {
  const key = (DEMO_CONFIG.users as DemoUser[]).find((u) => u.name === user)?.accessKeys[0];
  if (!key) throw new Error(`no access key for ${user} in emulator/demo-config.json`);
  return key;
}

/** The same key in the AWS SDK's credentials shape. */
export function demoCredentials(user: string): { accessKeyId: string; secretAccessKey: string } {
  const { id, secret } = demoAccessKey(user);
  return { accessKeyId: id, secretAccessKey: secret };
}
