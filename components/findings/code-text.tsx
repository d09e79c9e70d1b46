import { Fragment } from "react";

/**
 * Catalogue texts mark commands, variable names and values with backticks (`aws sesv2 put-account-details …`). On
 * screen they are code, never raw backticks: every odd segment becomes <code>. An unpaired backtick stays as text.
 */
export function CodeText({ text }: { text: string }) {
  const parts = text.split("`");
  // an even number of parts means one backtick has no partner: keep the last one literally
  const unpaired = parts.length % 2 === 0;
  return (
    <>
      {parts.map((part, i) => {
        const key = `${i}-${part.length}`;
        if (i % 2 === 0) return <Fragment key={key}>{part}</Fragment>;
        if (unpaired && i === parts.length - 1) return <Fragment key={key}>{`\`${part}`}</Fragment>;
        return (
          <code key={key} className="rounded bg-neutral-100 px-1 py-0.5 font-mono text-[0.9em] text-neutral-900">
            {part}
          </code>
        );
      })}
    </>
  );
}
