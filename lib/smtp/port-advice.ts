import { z } from "zod";
import { CATALOGUE } from "@/lib/findings/catalogue";
import { SMTP_PORTS } from "@/lib/regions";
import type { TargetId } from "@/lib/findings/model";

/**
 * What the SMTP port matrix found and what to set, browser-safe (the wizard renders it; lib/smtp/ports.ts measures).
 * SES: 25, 587, 2587 speak plain SMTP and upgrade with STARTTLS; 465 and 2465 need TLS from the first byte
 * (docs/health.md, "Connectivity").
 */

export const SmtpTlsSchema = z.enum(["starttls", "implicit"]);
export type SmtpTls = z.infer<typeof SmtpTlsSchema>;

export const PortOutcomeSchema = z.enum(["reachable", "timeout", "refused", "tls-failed", "error"]);
export type PortOutcome = z.infer<typeof PortOutcomeSchema>;

export const PortResultSchema = z.object({
  /** the SES port (25, 587, 2587, 465, 2465) */
  port: z.number().int(),
  tls: SmtpTlsSchema,
  outcome: PortOutcomeSchema,
  /** where it stopped: connect (no TCP answer), greeting (connected, nothing said), tls (handshake or STARTTLS) */
  stage: z.enum(["connect", "greeting", "tls", "done"]),
  ms: z.number(),
  /** what went wrong, in words (no secrets: nothing secret is sent) */
  detail: z.string().optional(),
});
export type PortResult = z.infer<typeof PortResultSchema>;

/** SES's SMTP ports in order of preference: 587 (the submission port), 2587, then implicit TLS, then 25. */
export const SES_SMTP_PORTS: { port: number; tls: SmtpTls }[] = [
  ...SMTP_PORTS.starttls.filter((p) => p !== 25).map((port) => ({ port, tls: "starttls" as const })),
  ...SMTP_PORTS.tls.map((port) => ({ port, tls: "implicit" as const })),
  { port: 25, tls: "starttls" },
];

/** The port to use: the first reachable one in SES_SMTP_PORTS order, or none. */
export function recommendedPort(results: PortResult[]): PortResult | undefined {
  for (const { port } of SES_SMTP_PORTS) {
    const r = results.find((x) => x.port === port && x.outcome === "reachable");
    if (r) return r;
  }
  return undefined;
}

export interface PortAdvice {
  /** the app this applies to */
  app: string;
  /** setting → value, exactly as the app spells it */
  settings: { name: string; value: string }[];
  note?: string;
}

/**
 * The port and TLS settings per platform. Plunk, useSend and AWS SDK apps send through the HTTPS API, so SMTP ports
 * do not matter to them; SMTP apps each spell "TLS from the first byte" differently.
 */
export function portAdvice(target: TargetId, chosen: { port: number; tls: SmtpTls }): PortAdvice[] {
  const implicit = chosen.tls === "implicit";
  const port = String(chosen.port);
  if (target !== "smtp") {
    return [
      {
        app: "this platform",
        settings: [],
        note: CATALOGUE["smtp.port-api-only"].why,
      },
    ];
  }
  return [
    {
      app: "SMTP app (this env file)",
      settings: [
        { name: "SMTP_PORT", value: port },
        { name: "SMTP_SECURE", value: implicit ? "true" : "false" },
      ],
      note: CATALOGUE[implicit ? "smtp.port-implicit-tls" : "smtp.port-starttls"].why,
    },
    {
      app: "Nodemailer-based apps",
      settings: [
        { name: "port", value: port },
        { name: "secure", value: implicit ? "true" : "false" },
        ...(implicit ? [] : [{ name: "requireTLS", value: "true" }]),
      ],
    },
    {
      app: "Ghost",
      settings: [
        { name: "mail__options__port", value: port },
        { name: "mail__options__secure", value: implicit ? "true" : "false" },
      ],
    },
    {
      app: "listmonk",
      settings: [
        { name: "Port", value: port },
        { name: "TLS", value: implicit ? "SSL/TLS" : "STARTTLS" },
      ],
    },
  ];
}
