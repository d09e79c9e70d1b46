"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui";

/** The publishing panel's code is fetched on the click that opens it, not with the page. */
const Route53Panel = lazy(() => import("./route53-panel"));

export function Route53Opener() {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Set up Route 53 publishing
        </Button>
      </div>
    );
  return (
    <Suspense
      fallback={
        <p role="status" className="text-sm text-neutral-500">
          Loading the Route 53 panel…
        </p>
      }
    >
      <Route53Panel />
    </Suspense>
  );
}
