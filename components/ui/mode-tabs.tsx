"use client";

import { cn } from "./cn";

/** The wizard's "Automatic | Manual" switch: a tablist of two; the caller renders the tabpanel below it. */
export function ModeTabs<M extends string>(p: {
  label: string;
  modes: readonly { id: M; title: string }[];
  mode: M;
  onChange: (mode: M) => void;
}) {
  return (
    <div role="tablist" aria-label={p.label} className="inline-flex w-fit rounded-lg bg-neutral-100 p-1">
      {p.modes.map((m) => (
        <button
          key={m.id}
          type="button"
          role="tab"
          aria-selected={p.mode === m.id}
          onClick={() => p.onChange(m.id)}
          className={cn(
            "rounded-md px-3 py-1.5 text-sm font-medium",
            p.mode === m.id ? "bg-white text-neutral-900 shadow-xs" : "text-neutral-600 hover:text-neutral-900",
          )}
        >
          {m.title}
        </button>
      ))}
    </div>
  );
}

/** The two ways most steps offer: with set-up credentials used once, or by hand. */
export const AUTO_OR_MANUAL = [
  { id: "auto", title: "Automatic" },
  { id: "manual", title: "Manual" },
] as const;
