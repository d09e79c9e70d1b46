"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callSetup } from "@/components/setup/api";
import { CodeBlock } from "@/components/setup/code-block";
import { EMPTY_KEY, type KeyInput, KeyFields } from "@/components/setup/key-fields";
import { Badge, type BadgeVariant, Button, DataTable, TableCell } from "@/components/ui";
import type { PlannedChange } from "@/lib/golive/route53-plan";
import { zonePolicy } from "@/lib/golive/route53-policy";
import type { CreateZoneAdvice } from "@/lib/golive/route53-zone";
import { RefusalAlert } from "@/components/findings/refusal-alert";
import type { Finding } from "@/lib/findings/model";

interface PlanData {
  zone?: { id: string; name: string };
  plan?: PlannedChange[];
  policy?: string;
  status?: "INSYNC" | "PENDING";
  changeId?: string;
  error?: string;
  problem?: "no-zone" | "denied";
  /** no-zone: the zone the operator may create by hand, and the command */
  createZone?: CreateZoneAdvice;
  /** the catalogue's finding for a CNAME that collides with other records */
  conflict?: Finding;
  /** the catalogue's finding when AWS refused or did not answer */
  finding?: Finding;
}

const ACTION: Record<PlannedChange["action"], { label: string; variant: BadgeVariant }> = {
  create: { label: "Create", variant: "neutral" },
  same: { label: "Already set", variant: "success" },
  add: { label: "Add beside", variant: "neutral" },
  replace: { label: "Overwrite", variant: "warning" },
  conflict: { label: "Conflict", variant: "error" },
};

/**
 * "Publish to Route 53", loaded when the operator opens it (./route53-section.tsx): find the domain's public hosted zone, show the exact change set (never overwriting a
 * different record without saying so), apply it and follow the change to INSYNC; Sesame's lookups and SES polling
 * above take over from there.
 */
export default function Route53Panel() {
  const router = useRouter();
  const [useOther, setUseOther] = useState(false);
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [busy, setBusy] = useState<"plan" | "apply" | null>(null);
  const [data, setData] = useState<PlanData>({});
  const [confirm, setConfirm] = useState(false);

  async function call(action: "plan" | "apply") {
    setBusy(action);
    const credentials = useOther
      ? { accessKeyId: key.keyId, secretAccessKey: key.secret, sessionToken: key.token || undefined }
      : undefined;
    const res = await callSetup("POST /api/setup/route53", { action, confirmReplace: confirm, credentials });
    setBusy(null);
    // a refusal keeps the last plan on screen, but not the advice of an earlier refusal
    setData(res.ok ? res.data : { ...data, problem: undefined, createZone: undefined, ...res.data });
    if (action === "apply") setKey(EMPTY_KEY);
    if (res.ok && action === "apply") router.refresh();
  }

  const plan = data.plan;
  const needsConfirm = !!plan?.some((p) => p.action === "replace");
  const conflict = !!plan?.some((p) => p.action === "conflict");
  const nothingToDo = !!plan && plan.every((p) => p.action === "same");
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2 text-sm text-neutral-800">
        <legend className="sr-only">Credentials for Route 53</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="r53-creds" checked={!useOther} onChange={() => setUseOther(false)} />
          The platform key of this session
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="r53-creds" checked={useOther} onChange={() => setUseOther(true)} />
          Other credentials, used once (limited to the zone by the policy below)
        </label>
      </fieldset>
      {useOther ? <KeyFields idPrefix="r53" labelPrefix="Route 53" value={key} onChange={setKey} /> : null}
      <CodeBlock code={data.policy ?? zonePolicy(data.zone?.id)} label="Route 53 policy for this zone" />
      <div>
        <Button variant="secondary" onClick={() => call("plan")} disabled={busy !== null || (useOther && !key.secret)}>
          {busy === "plan" ? "Looking for the zone…" : "Find the zone and show the changes"}
        </Button>
      </div>
      {data.error && data.createZone ? (
        <NoZone message={data.error} finding={data.finding} advice={data.createZone} />
      ) : data.error ? (
        <RefusalAlert error={data.error} finding={data.finding} />
      ) : null}
      {plan && data.zone ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-neutral-800">
            Hosted zone <strong>{data.zone.name}</strong> <span className="font-mono text-xs">({data.zone.id})</span>
          </p>
          <DataTable
            label="Route 53 changes"
            columns={["Name", "Type", "Value", "Change"]}
            rows={plan}
            rowKey={(p) => `${p.name}-${p.type}`}
          >
            {(p) => (
              <>
                <TableCell className="font-mono break-all">{p.name}</TableCell>
                <TableCell>{p.type}</TableCell>
                <TableCell className="font-mono break-all">
                  {p.values.join(" ")}
                  {p.existing && p.action !== "same" ? (
                    <span className="mt-1 block text-neutral-500">now: {p.existing.join(" ")}</span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <Badge variant={ACTION[p.action].variant}>{ACTION[p.action].label}</Badge>
                </TableCell>
              </>
            )}
          </DataTable>
          {needsConfirm ? (
            <label className="flex items-start gap-2 text-sm text-amber-800">
              <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
              Overwrite the records marked Overwrite (their current values are shown under the new ones)
            </label>
          ) : null}
          {conflict && data.conflict ? <RefusalAlert error={data.conflict.title} finding={data.conflict} /> : null}
          {data.status ? (
            <p role="status" className="text-sm text-green-700">
              {data.status === "INSYNC"
                ? "Published: Route 53 reports the change in sync. Sesame’s lookups and SES take it from here."
                : "Submitted: Route 53 is still propagating the change; Sesame’s lookups above show when it lands."}
            </p>
          ) : (
            <div>
              <Button
                onClick={() => call("apply")}
                disabled={busy !== null || conflict || nothingToDo || (needsConfirm && !confirm)}
              >
                {busy === "apply" ? "Publishing…" : nothingToDo ? "Nothing to publish" : "Publish to Route 53"}
              </Button>
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}

/**
 * No public zone matches: said plainly, with what to do. Sesame does not create the zone — delegating the domain to
 * Route 53 moves all of its DNS, which is the operator's decision — so it shows the exact command and the order of
 * the steps (records copied before the name servers change).
 */
function NoZone({ message, finding, advice }: { message: string; finding?: Finding; advice: CreateZoneAdvice }) {
  return (
    <section
      aria-labelledby="r53-no-zone"
      className="flex flex-col gap-3 rounded-lg border border-neutral-200 bg-white p-4 text-sm text-neutral-800"
    >
      <h4 id="r53-no-zone" className="font-semibold text-neutral-900">
        {finding?.title ?? message}
      </h4>
      {finding ? (
        <p>
          {finding.detail} {finding.fix} Sesame does not create the zone: moving a domain’s DNS is your decision.
        </p>
      ) : (
        <p>
          Publish the records above at the DNS provider {advice.domain} uses today, or move its DNS to Route 53 first.
          Sesame does not create the zone: moving a domain’s DNS is your decision.
        </p>
      )}
      <ol className="flex list-decimal flex-col gap-2 pl-5">
        <li>
          Create the hosted zone; the command prints its four name servers:
          <div className="mt-1.5">
            <CodeBlock code={advice.command} label="Command that creates the hosted zone" />
          </div>
        </li>
        <li>
          Copy every record {advice.domain} has today (MX, website, verification records) into the new zone: once the
          name servers change, only this zone answers for the domain.
        </li>
        <li>
          At the registrar of {advice.domain}, replace its name servers with those four. For a subdomain, add them as NS
          records for {advice.domain} at the parent domain’s DNS provider instead.
        </li>
        <li>When the new name servers answer, find the zone here again.</li>
      </ol>
    </section>
  );
}
