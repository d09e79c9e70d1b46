import { Badge, CopyButton, DataTable, stacked, TableCell } from "@/components/ui";
import type { EnvLine } from "@/lib/setup/contract";

const ACTION_BADGE = { added: "success", updated: "warning", unchanged: "neutral" } as const;

/** The variables to write: masked values (or revealed ones), copy buttons for what may be copied, and the change. */
export function EnvTable({ lines, revealed }: { lines: EnvLine[]; revealed?: Record<string, string> }) {
  return (
    <DataTable
      label="Environment variables"
      columns={["Variable", "Value", "Change"]}
      rows={lines}
      rowKey={(l) => l.key}
      stack
    >
      {(l) => {
        const value = revealed?.[l.key] ?? l.shown;
        return (
          <>
            <TableCell className={`font-mono font-medium [overflow-wrap:anywhere] ${stacked.cell}`}>{l.key}</TableCell>
            <TableCell
              data-label="Value"
              className={`font-mono max-sm:row-start-2 ${stacked.wide} ${stacked.cell} ${stacked.labelled}`}
            >
              {/* keys and secrets are long unbroken words: wrap them anywhere, but only where the line is full */}
              <span className="inline-flex max-w-full items-center gap-1">
                <span className="min-w-0 [overflow-wrap:anywhere]">{value}</span>
                {!l.secret || revealed ? <CopyButton value={value} label={`Copy ${l.key}`} /> : null}
              </span>
            </TableCell>
            <TableCell className={`max-sm:col-start-2 max-sm:row-start-1 ${stacked.cell}`}>
              <Badge variant={ACTION_BADGE[l.action]}>{l.action}</Badge>
            </TableCell>
          </>
        );
      }}
    </DataTable>
  );
}
