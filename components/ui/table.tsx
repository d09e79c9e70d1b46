import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/** Dense xs table (DNS records, evidence); wrap scrolls horizontally on narrow screens. */
export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="w-full overflow-x-auto rounded-lg border border-neutral-200">
      <table className={cn("w-full border-collapse text-xs", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("bg-neutral-50 text-neutral-500", className)} {...props} />;
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-neutral-200", className)} {...props} />;
}

export function TableRow({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("align-top", className)} {...props} />;
}

export function TableHead({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn("border-b border-neutral-200 px-3 py-2 text-left font-medium uppercase tracking-wide", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-2 text-neutral-800", className)} {...props} />;
}

/**
 * Phone layout for tables whose cells hold long unbroken values (DNS names, keys): below the `sm` breakpoint each row
 * becomes a two-column grid block and the header is kept for screen readers only, so nothing is cut off at the card's
 * edge and no value is squeezed to one character per line. Cells place themselves with `max-sm:` grid classes.
 */
export const stacked = {
  table: "max-sm:block",
  header: "max-sm:sr-only",
  body: "max-sm:block",
  row: "max-sm:grid max-sm:grid-cols-[minmax(0,1fr)_auto] max-sm:gap-x-3 max-sm:py-2",
  cell: "max-sm:block max-sm:min-w-0 max-sm:px-3 max-sm:py-1",
  /** a full-width line of its own under the first one */
  wide: "max-sm:col-span-2",
  /**
   * the column's name above a stacked cell's value, from the cell's `data-label` (phones only; the header says it on
   * wider screens). A pseudo-element, so the cell's text stays the value alone.
   */
  labelled:
    "max-sm:before:block max-sm:before:text-[10px] max-sm:before:font-medium max-sm:before:uppercase max-sm:before:tracking-wide max-sm:before:text-neutral-500 max-sm:before:content-[attr(data-label)]",
} as const;
