import type { Finding, Report } from "@/lib/findings/model";
import { ICON, paint, style } from "./render-style";

/** The doctor's report for a terminal: findings grouped by health component, each with its why, fix and evidence. */
export function renderReport(report: Report, colour: boolean): string {
  const st = style(colour);
  const lines: string[] = [];
  if (report.findings.length === 0) {
    lines.push(st.green("✓ Everything checked out."));
  } else {
    const groups = new Map<string, Finding[]>();
    for (const f of report.findings) {
      const key = f.component ?? "other";
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const [component, findings] of groups) {
      lines.push("", st.bold(component.toUpperCase()));
      for (const f of findings) {
        lines.push(`  ${paint(st, f.severity, `${ICON[f.severity]} ${f.title}`)} ${st.dim(`[${f.code}]`)}`);
        lines.push(`    ${f.detail}`);
        lines.push(`    ${st.bold("Fix:")} ${f.fix}`);
        const ev = Object.entries(f.evidence)
          .filter(([, v]) => v !== null && v !== "")
          .map(([k, v]) => `${k}=${v}`);
        if (ev.length) lines.push(`    ${st.dim(`evidence: ${ev.join(" · ")}`)}`);
      }
    }
  }
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const warns = report.findings.filter((f) => f.severity === "warn").length;
  const verdict =
    report.status === "fail" ? st.red("FAIL") : report.status === "warn" ? st.yellow("WARN") : st.green("PASS");
  lines.push("", `${verdict}  ${errors} error(s), ${warns} warning(s) in ${report.durationMs} ms`);
  return `${lines.join("\n")}\n`;
}
