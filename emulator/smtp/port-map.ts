import type { SmtpListener } from "../index";

/** The demo's extra SMTP listeners: TLS from the first byte (SES's 465/2465) and a silent one (a dropped port 25). */
export const DEMO_SMTP_LISTENERS: SmtpListener[] = [
  { port: 0, mode: "implicit" },
  { port: 0, mode: "silent" },
];

/**
 * Where the stand-in plays each SES SMTP port, as SESAME_SMTP_PORT_MAP ("587=127.0.0.1:2587,…"): 587 and 2587 on
 * the STARTTLS listener, 465 and 2465 on the implicit one, 25 on the silent one, as on most cloud hosts
 * (docs/emulator.md). Ports without a listener are left out (Sesame then dials them at the real host).
 */
export function sesSmtpPortMap(host: string, ports: { smtp: number; smtpListeners: SmtpListener[] }): string {
  const of = (mode: SmtpListener["mode"]) => ports.smtpListeners.find((l) => l.mode === mode)?.port;
  const implicit = of("implicit");
  const silent = of("silent");
  return [
    `587=${host}:${ports.smtp}`,
    `2587=${host}:${ports.smtp}`,
    ...(implicit ? [`465=${host}:${implicit}`, `2465=${host}:${implicit}`] : []),
    ...(silent ? [`25=${host}:${silent}`] : []),
  ].join(",");
}
