import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeVariant = "success" | "warning" | "error" | "neutral" | "info";

const VARIANTS: Record<BadgeVariant, string> = {
  success: "border-green-200 bg-green-50 text-green-700",
  warning: "border-amber-200 bg-amber-50 text-amber-700",
  error: "border-red-200 bg-red-50 text-red-700",
  neutral: "border-neutral-200 bg-neutral-100 text-neutral-700",
  info: "border-sky-200 bg-sky-50 text-sky-700",
};

export function Badge({
  className,
  variant = "neutral",
  ...props
}: HTMLAttributes<HTMLSpanElement> & { variant?: BadgeVariant }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        VARIANTS[variant],
        className,
      )}
      {...props}
    />
  );
}
