"use client";

import { FlaskConical } from "lucide-react";
import { Button } from "@/components/ui";
import type { DemoBootstrap } from "@/lib/setup/contract";

/** Demo only: the stand-in's bootstrap key, shown where the wizard asks for admin credentials, with "Fill in". */
export function DemoFill({
  demo,
  onFill,
}: {
  demo: DemoBootstrap;
  onFill: (key: { keyId: string; secret: string }) => void;
}) {
  return (
    <aside
      aria-label="Demo bootstrap credentials"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-dashed border-amber-300 bg-amber-50/50 p-3 text-sm"
    >
      <div className="flex min-w-0 flex-col gap-1 text-amber-900">
        <p className="flex items-center gap-2 font-medium">
          <FlaskConical className="h-4 w-4 shrink-0" aria-hidden /> Demo: the stand-in&apos;s admin {demo.userName}
        </p>
        <p className="font-mono text-xs [overflow-wrap:anywhere]">
          Key ID {demo.accessKeyId} · Secret {demo.secretAccessKey}
        </p>
      </div>
      <Button
        type="button"
        size="sm"
        variant="outline"
        onClick={() => onFill({ keyId: demo.accessKeyId, secret: demo.secretAccessKey })}
      >
        Fill in
      </Button>
    </aside>
  );
}
