import {
  Badge,
  CopyButton,
  stacked,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui";
import type { EnvLine } from "@/lib/setup/contract";

const ACTION_BADGE = { added: "success", updated: "warning", unchanged: "neutral" } as const;

/** The variables to write: masked values (or revealed ones), copy buttons for what may be copied, and the change. */
export function EnvTable({ lines, revealed }: { lines: EnvLine[]; revealed?: Record<string, string> }) {
  return (
    <Table aria-label="Environment variables" className={stacked.table}>
      <TableHeader className={stacked.header}>
        <TableRow>
          <TableHead>Variable</TableHead>
          <TableHead>Value</TableHead>
          <TableHead>Change</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody className={stacked.body}>
        {lines.map((l) => {
          const value = revealed?.[l.key] ?? l.shown;
          return (
            <TableRow key={l.key} className={stacked.row}>
              <TableCell className={`font-mono font-medium [overflow-wrap:anywhere] ${stacked.cell}`}>
                {l.key}
              </TableCell>
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
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
