import type { Metadata } from "next";
import { RotateFlow } from "@/components/health/rotate-flow";
import { PageHeader } from "@/components/shell/page-header";
import { setupSession } from "@/lib/setup/session";

export const metadata: Metadata = { title: "Rotate the access key — Sesame" };

/** Key rotation, linked from the health page's key-age card. Gated by the setup session itself, not only the layout. */
export default async function RotatePage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  if (!(await setupSession())) return null;
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
