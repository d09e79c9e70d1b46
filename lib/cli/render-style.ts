import type { Severity } from "@/lib/findings/model";

/** Terminal styling for the CLIs: ANSI colours only on a TTY without NO_COLOR, colour only for status. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  blue(s: string): string;
}

export function style(colour: boolean): Style {
  const wrap = (code: number) => (s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { bold: wrap(1), dim: wrap(2), red: wrap(31), yellow: wrap(33), green: wrap(32), blue: wrap(34) };
}

export const ICON: Record<Severity, string> = { error: "✗", warn: "!", info: "i", pass: "✓" };

export function paint(st: Style, severity: Severity, s: string): string {
  return severity === "error"
    ? st.red(s)
    : severity === "warn"
      ? st.yellow(s)
      : severity === "info"
        ? st.blue(s)
        : st.green(s);
}
