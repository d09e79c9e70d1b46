"use client";

import { type ComponentProps, lazy, Suspense } from "react";
import { LazyFallback } from "../lazy-fallback";

// loaded on its own: the Done step offers it only while the region is in the sandbox or under review, and its form
// (draft, reviewer points, CLI command, refusal findings) would otherwise weigh on every visit (README "Performance")
const ProductionAccessPanel = lazy(() =>
  import("@/components/golive/production-access-panel").then((m) => ({ default: m.ProductionAccessPanel })),
);

/** The Done step's "Request production access" panel, its code fetched when the page shows it. */
export function DoneProductionAccess(props: ComponentProps<typeof ProductionAccessPanel>) {
  return (
    <Suspense fallback={<LazyFallback what="the production access request" />}>
      <ProductionAccessPanel {...props} />
    </Suspense>
  );
}
