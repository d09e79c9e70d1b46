import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";
import { stacked, Table, TableBody, TableHead, TableHeader, TableRow } from "./table";

/** A column heading, with the width or visibility classes its header cell needs. */
export type Column = string | { label: string; className?: string };

/**
 * The one table of rows Sesame shows (DNS records, env variables, SMTP ports, Route 53 changes, received
 * notifications): a labelled table, one header row, one body row per item; the caller renders each row's cells.
 * `stack` turns on the phone layout of `stacked` (cells place themselves with its classes).
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowProps,
  stack = false,
  children,
}: {
  label: string;
  columns: readonly Column[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** extra attributes for a row (`data-*` hooks) */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  stack?: boolean;
  /** the row's cells */
  children: (row: T) => ReactNode;
}) {
  return (
    <Table aria-label={label} className={stack ? stacked.table : undefined}>
      <TableHeader className={stack ? stacked.header : undefined}>
        <TableRow>
          {columns.map((c) => {
            const { label: text, className } = typeof c === "string" ? { label: c, className: undefined } : c;
            return (
              <TableHead key={text} className={className}>
                {text}
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody className={stack ? stacked.body : undefined}>
        {rows.map((row) => {
          const extra = rowProps?.(row);
          return (
            <TableRow key={rowKey(row)} {...extra} className={cn(stack && stacked.row, extra?.className)}>
              {children(row)}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
