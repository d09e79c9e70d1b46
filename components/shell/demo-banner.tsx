import { FlaskConical } from "lucide-react";

/** Shown on every page when Sesame talks to the bundled AWS stand-in, so nobody mistakes it for real AWS. */
export function DemoBanner() {
  return (
    <div
      role="note"
      aria-label="Demo mode"
      className="flex items-center justify-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs font-medium text-amber-800"
    >
      <FlaskConical className="h-3.5 w-3.5" aria-hidden />
      Demo — local AWS stand-in. Nothing here reaches Amazon; DNS records can be published to the stand-in&apos;s DNS.
    </div>
  );
}
