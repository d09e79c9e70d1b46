import { NextResponse } from "next/server";
import { readyContext } from "@/lib/setup/context";
import { DemoDnsRequestSchema } from "@/lib/setup/contract";
import { wizardDomainStatus } from "@/lib/setup/domain-session";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";

/**
 * Demo only: publish the records the Domain step shows to the stand-in's DNS server, through its loopback admin
 * API — the offline replacement for "add these at your DNS provider".
 */
export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, DemoDnsRequestSchema);
  const ctx = await readyContext(sid);
  if (!ctx.config.demo || !ctx.config.emulatorUrl)
    throw new SetupError(404, "Publishing DNS records is only available in the demo.");
  const d = ctx.state.domain;
  if (!d) throw new SetupError(409, "Create the domain identity first.");
  const status = await wizardDomainStatus(sid, ctx, d);
  if (!status.ok) throw new SetupError(422, status.error, { finding: status.finding });
  const records = status.status.records.filter((r) => !body.ids || body.ids.includes(r.id));
  const published: string[] = [];
  for (const r of records) {
    const res = await fetch(new URL("/_emulator/dns", ctx.config.emulatorUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: r.name, type: r.type, value: r.value, priority: r.priority }),
      signal: AbortSignal.timeout(ctx.config.timeoutMs),
    }).catch(() => null);
    if (!res?.ok)
      throw new SetupError(
        502,
        `The stand-in's DNS refused ${r.type} ${r.name}${res ? ` (HTTP ${res.status})` : " (unreachable)"}.`,
      );
    published.push(r.id);
  }
  return NextResponse.json({ ok: true, published });
});
