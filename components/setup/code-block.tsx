import { CopyButton } from "@/components/ui";

/** Monospace block with a copy button (policy JSON, CLI commands). */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <figure aria-label={label} className="relative m-0 rounded-lg border border-neutral-200 bg-neutral-50">
      <div className="absolute top-1.5 right-1.5">
        <CopyButton value={code} label={`Copy ${label}`} />
      </div>
      <pre className="overflow-x-auto p-3 pr-10 font-mono text-xs leading-relaxed text-neutral-800">{code}</pre>
    </figure>
  );
}
