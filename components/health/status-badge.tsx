import { Badge, type BadgeVariant } from "../ui/badge";

export type HealthStatus = "pass" | "warn" | "fail" | "skipped" | "info";

const LOOK: Record<HealthStatus, { variant: BadgeVariant; label: string }> = {
  pass: { variant: "success", label: "Pass" },
  warn: { variant: "warning", label: "Warn" },
  fail: { variant: "error", label: "Fail" },
  skipped: { variant: "neutral", label: "Not checked" },
  /** passed, but with something Sesame could not tell (key age unknown, permissions not provable) */
  info: { variant: "info", label: "Info" },
};

export function StatusBadge({ status }: { status: HealthStatus }) {
  const look = LOOK[status];
  return <Badge variant={look.variant}>{look.label}</Badge>;
}
