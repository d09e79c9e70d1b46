import type { Metadata } from "next";
import { RotateFlow } from "@/components/health/rotate-flow";
import { PageHeader } from "@/components/shell/page-header";

export const metadata: Metadata = { title: "Rotate the access key — Sesame" };

/** Key rotation, linked from the health page's key-age card. The setup layout gates it behind the setup token. */
export default function RotatePage() {
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Rotate the access key"
        description="Replace the platform's access key without downtime: new key first, old key last."
      />
      <RotateFlow />
    </div>
  );
}
