import type { BadgeVariant } from "@/components/ui";
import type { Review } from "@/lib/golive/production-request";

/** How each review outcome reads, on the request panel and in the health page's public view. */
export const REVIEW_STATUS: Record<Review["status"], { label: string; variant: BadgeVariant }> = {
  PENDING: { label: "Under review", variant: "warning" },
  GRANTED: { label: "Granted", variant: "success" },
  DENIED: { label: "Denied", variant: "error" },
  FAILED: { label: "Failed", variant: "error" },
};
