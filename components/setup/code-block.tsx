import { CopyButton } from "@/components/ui";

/**
 * Monospace block with a copy button (policy JSON, CLI commands, the restart command). The button has its own column
 * and long lines wrap, so on a phone the command never runs underneath the button.
 */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <figure
      aria-label={label}
      className="m-0 flex items-start gap-1 rounded-lg border border-neutral-200 bg-neutral-50 py-1.5 pr-1.5"
    >
      <pre className="min-w-0 flex-1 py-1.5 pl-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-neutral-800 [overflow-wrap:anywhere]">
        {code}
      </pre>
      <CopyButton value={code} label={`Copy ${label}`} />
    </figure>
  );
}
