"use client";
import { DataTable, TableCell } from "@/components/ui";

import { type EventsStepProps, typesText } from "./props";
export function Needs(p: EventsStepProps) {
  const rows = p.sets.length
    ? p.sets.map((s) => ({ name: s.name, variable: s.variable, types: s.eventTypes, role: s.role }))
    : p.needs.sets.map((s) => ({ name: s.name ?? "—", variable: s.variable ?? "", types: s.eventTypes, role: s.role }));
  return (
    <section aria-labelledby="needs-heading" className="flex flex-col gap-3">
      <h3 id="needs-heading" className="text-sm font-medium text-neutral-900">
        What {p.targetLabel} needs in {p.region}
      </h3>
      {rows.length ? (
        <DataTable
          label="Configuration sets"
          columns={["Configuration set and variable", "Events published to SNS"]}
          rows={rows}
          rowKey={(r) => r.variable || r.name}
        >
          {(r) => (
            <>
              <TableCell>
                <span className="block font-mono break-all">{r.name}</span>
                <span className="block font-mono text-neutral-500 break-all">{r.variable}</span>
              </TableCell>
              <TableCell>
                {typesText(r.types)} <span className="text-neutral-400">({r.role})</span>
              </TableCell>
            </>
          )}
        </DataTable>
      ) : null}
      <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-neutral-600">
        <li>
          SNS topic <code className="font-mono text-xs">{p.needs.topicName}</code>, subscribed by the webhook{" "}
          <code className="font-mono text-xs">{p.needs.webhookPath}</code>. {p.needs.webhookHelp}
        </li>
        {p.needs.allowListVar ? (
          <li>
            The topic&apos;s ARN in <code className="font-mono text-xs">{p.needs.allowListVar}</code>: Plunk drops
            events from topics not listed there.
          </li>
        ) : null}
        <li>Every send names the set, so a set missing in {p.region} makes every send of the platform fail.</li>
      </ul>
    </section>
  );
}
