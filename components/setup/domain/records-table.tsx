import { Badge, CopyButton, DataTable, stacked, TableCell } from "@/components/ui";
import type { DomainResponse } from "@/lib/setup/contract";
import { LIVE_BADGE, rowHint } from "./labels";

/**
 * The DNS records SES needs, with copy buttons and what Sesame's own lookups found. On a phone each record is a
 * stacked block (type and status on top, then name and value): long DKIM names wrap, Status is never cut off.
 */
export function RecordsTable({ data }: { data: DomainResponse }) {
  const liveById = new Map(data.live.rows.map((r) => [r.id, r]));
  return (
    <DataTable
      label="DNS records"
      columns={[{ label: "Type", className: "w-14" }, "Name", "Value", { label: "Status", className: "w-28" }]}
      rows={data.status.records}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ "data-record": r.id })}
      stack
    >
      {(r) => {
        const live = liveById.get(r.id);
        const value = r.priority ? `${r.priority} ${r.value}` : r.value;
        const badge = LIVE_BADGE[live?.status ?? "unknown"];
        const hint = live?.finding && live.status !== "ok" ? rowHint(live.finding) : undefined;
        return (
          <>
            <TableCell className={`font-mono font-medium ${stacked.cell}`}>{r.type}</TableCell>
            {/* a floor for the long names at tablet widths; phones stack them full-width instead */}
            <TableCell
              data-label="Name"
              className={`min-w-40 max-sm:row-start-2 ${stacked.wide} ${stacked.cell} ${stacked.labelled}`}
            >
              <span className="flex items-start gap-1 font-mono [overflow-wrap:anywhere]">
                {r.name}
                <CopyButton value={r.name} label={`Copy name ${r.name}`} />
              </span>
            </TableCell>
            <TableCell
              data-label="Value"
              className={`min-w-40 max-sm:row-start-3 ${stacked.wide} ${stacked.cell} ${stacked.labelled}`}
            >
              <span className="flex items-start gap-1 font-mono [overflow-wrap:anywhere]">
                {value}
                <CopyButton value={value} label={`Copy value for ${r.name}`} />
              </span>
              {hint ? <p className="mt-1 text-[11px] [overflow-wrap:anywhere] text-red-700">{hint}</p> : null}
            </TableCell>
            <TableCell className={`whitespace-nowrap max-sm:col-start-2 max-sm:row-start-1 ${stacked.cell}`}>
              <span className="flex flex-col items-start gap-1 max-sm:flex-row">
                <Badge variant={badge.v}>{badge.t}</Badge>
                <Badge variant="neutral" className="text-[10px] uppercase">
                  {r.required ? "required" : r.purpose === "dmarc" ? "recommended" : "optional"}
                </Badge>
              </span>
            </TableCell>
          </>
        );
      }}
    </DataTable>
  );
}
