import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { SesameConfig } from "@/lib/config";
import type { DemoBootstrap } from "./contract";

const DemoUsersSchema = z.object({
  users: z.array(
    z.object({
      name: z.string(),
      managedPolicies: z.array(z.string()).optional(),
      accessKeys: z.array(z.object({ id: z.string(), secret: z.string(), status: z.string().optional() })).optional(),
    }),
  ),
});

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

/**
 * Demo only: the bundled stand-in's bootstrap admin key, read from the demo config on the server, so nobody has to open
 * the config file to walk the wizard. Outside demo mode this returns nothing and reads nothing: a real account's
 * credentials are never known to Sesame before the operator types them. The stand-in's keys are fake and work only
 * against the stand-in.
 */
export function demoBootstrap(config: SesameConfig, env: NodeJS.ProcessEnv = process.env): DemoBootstrap | undefined {
  if (!config.demo) return undefined;
  const file = env.SESAME_DEMO_CONFIG || path.join(process.cwd(), "emulator", "demo-config.json");
  let parsed: z.infer<typeof DemoUsersSchema>;
  try {
    parsed = DemoUsersSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
  const admin =
    parsed.users.find((u) => u.name === "sesame-bootstrap") ??
    parsed.users.find((u) => u.managedPolicies?.includes(ADMIN));
  const key = admin?.accessKeys?.find((k) => (k.status ?? "Active") === "Active");
  return admin && key ? { userName: admin.name, accessKeyId: key.id, secretAccessKey: key.secret } : undefined;
}
