"use client";

import dynamic from "next/dynamic";
import { LazyFallback } from "../lazy-fallback";

/**
 * The Done step's "Request production access" panel in a chunk of its own: the step offers it only while the region is
 * in the sandbox or under review, and its form (draft, reviewer points, CLI command, refusal findings) would otherwise
 * weigh on every visit (README "Performance"). Rendered on the server all the same, its chunk preloaded with the page.
 */
export const DoneProductionAccess = dynamic(
  () => import("@/components/golive/production-access-panel").then((m) => m.ProductionAccessPanel),
  { loading: () => <LazyFallback what="the production access request" /> },
);
