import type { Finding } from "@/lib/findings/model";
import { ICON, paint, style } from "./render-style";

/** What the engine streams per probe (lib/diagnose/run.ts ProbeEvent); the label is the probe's own. */
export interface ProgressEvent {
  probe: string;
  status: "start" | "done";
  findings: Finding[];
  label?: string;
}

/** Progress: a spinner line per running set on a TTY, one plain line per finished check otherwise. */
export function progressPrinter(write: (s: string) => void, tty: boolean, colour: boolean) {
  const st = style(colour);
  const running = new Map<string, { since: number; label: string }>();
  const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const status = () => {
    if (!tty) return;
    const names = [...running.values()].map((r) => r.label).join(", ");
    write(`\r\x1b[2K${names ? st.dim(`${frames[frame++ % frames.length]} ${names}`) : ""}`);
  };
  return {
    onProbe(e: ProgressEvent) {
      const label = e.label ?? e.probe;
      if (e.status === "start") {
        running.set(e.probe, { since: Date.now(), label });
        if (tty && !timer) timer = setInterval(status, 80);
        status();
        return;
      }
      const ms = Date.now() - (running.get(e.probe)?.since ?? Date.now());
      running.delete(e.probe);
      const worst =
        e.findings.find((f) => f.severity === "error") ??
        e.findings.find((f) => f.severity === "warn") ??
        e.findings[0];
      const sev = worst?.severity ?? "pass";
      const count = e.findings.length ? ` — ${e.findings.length} finding${e.findings.length === 1 ? "" : "s"}` : "";
      if (tty) write("\r\x1b[2K");
      write(`${paint(st, sev, `${ICON[sev]} ${label}`)}${count} ${st.dim(`${ms} ms`)}\n`);
      status();
    },
    stop() {
      if (timer) clearInterval(timer);
      if (tty) write("\r\x1b[2K");
    },
  };
}
