"use client";

import { type BadgeVariant, CopyButton, cn } from "@/components/ui";
import type { DoctorFinding, Section } from "@/lib/sigv4/doctor";

/** Small presentational parts of the signature doctor: severity badges, text blocks, section diffs, mode tabs. */

export const SEVERITY: Record<DoctorFinding["severity"], BadgeVariant> = {
  error: "error",
  warn: "warning",
  info: "neutral",
  pass: "success",
};

export function Block({ title, text, copy }: { title: string; text: string; copy?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-medium text-neutral-500">{title}</h3>
        {copy ? <CopyButton value={text} label={copy} /> : null}
      </div>
      <pre className="whitespace-pre-wrap break-all rounded-md border border-neutral-200 bg-neutral-50 p-3 font-mono text-xs text-neutral-900">
        {text === "" ? " " : text}
      </pre>
    </div>
  );
}

export function SectionDiff({ sections, theirs }: { sections: Section[]; theirs: string }) {
  return (
    <table className="w-full table-fixed text-left text-xs">
      <caption className="sr-only">Canonical request compared by part</caption>
      <thead>
        <tr className="border-b border-neutral-200 text-neutral-500">
          <th scope="col" className="w-28 py-1 font-medium">
            Part
          </th>
          <th scope="col" className="py-1 font-medium">
            Sesame (as carried)
          </th>
          <th scope="col" className="py-1 font-medium">
            {theirs}
          </th>
        </tr>
      </thead>
      <tbody>
        {sections.map((s) => (
          <tr key={s.name} className={s.same ? "border-b border-neutral-100" : "border-b border-neutral-100 bg-red-50"}>
            <th scope="row" className="py-1 pr-2 align-top font-medium text-neutral-700">
              {s.name}
              {s.same ? "" : " ≠"}
            </th>
            <td className="break-all py-1 pr-2 align-top font-mono whitespace-pre-wrap">{s.ours}</td>
            <td className="break-all py-1 align-top font-mono whitespace-pre-wrap">{s.theirs}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type Mode = "paste" | "fields";
export const MODES: Array<{ id: Mode; label: string }> = [
  { id: "paste", label: "Paste a request" },
  { id: "fields", label: "Method, URL, headers, body" },
];
export const METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"];

/** Tabs for the two ways to give the request; arrow keys move between them as in any tablist. */
export function ModeTabs({ id, mode, onChange }: { id: string; mode: Mode; onChange: (m: Mode) => void }) {
  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    const next = MODES[(MODES.findIndex((m) => m.id === mode) + 1) % MODES.length].id;
    onChange(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  }
  return (
    <div
      role="tablist"
      aria-label="How to give the request"
      className="inline-flex w-fit flex-wrap rounded-lg bg-neutral-100 p-1"
      onKeyDown={onKeyDown}
    >
      {MODES.map((m) => (
        <button
          key={m.id}
          id={`${id}-tab-${m.id}`}
          type="button"
          role="tab"
          aria-selected={mode === m.id}
          aria-controls={`${id}-panel`}
          tabIndex={mode === m.id ? 0 : -1}
          onClick={() => onChange(m.id)}
          className={cn(
            "rounded-md px-3 py-1.5 text-sm font-medium",
            mode === m.id ? "bg-white text-neutral-900 shadow-xs" : "text-neutral-600 hover:text-neutral-900",
          )}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
