import { AlertTriangle, CheckCircle2, Info, XCircle } from "lucide-react";
import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export type AlertVariant = "info" | "success" | "warning" | "error";

const VARIANTS: Record<AlertVariant, { box: string; icon: ReactNode }> = {
  info: {
    box: "border-neutral-200 bg-neutral-50 text-neutral-800",
    icon: <Info className="h-4 w-4 text-neutral-500" aria-hidden />,
  },
  success: {
    box: "border-green-200 bg-green-50 text-green-900",
    icon: <CheckCircle2 className="h-4 w-4 text-green-600" aria-hidden />,
  },
  warning: {
    box: "border-amber-200 bg-amber-50 text-amber-900",
    icon: <AlertTriangle className="h-4 w-4 text-amber-600" aria-hidden />,
  },
  error: {
    box: "border-red-200 bg-red-50 text-red-900",
    icon: <XCircle className="h-4 w-4 text-red-600" aria-hidden />,
  },
};

export interface AlertProps extends Omit<HTMLAttributes<HTMLDivElement>, "title"> {
  variant?: AlertVariant;
  title?: ReactNode;
}

/** Inline feedback box; errors are announced (role=alert), everything else politely (role=status). */
export function Alert({ className, variant = "info", title, children, ...props }: AlertProps) {
  const v = VARIANTS[variant];
  return (
    <div
      role={variant === "error" ? "alert" : "status"}
      className={cn("flex gap-3 rounded-lg border p-3 text-sm", v.box, className)}
      {...props}
    >
      <div className="mt-0.5 shrink-0">{v.icon}</div>
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="text-sm opacity-90">{children}</div> : null}
      </div>
    </div>
  );
}
