import { Alert } from "@/components/ui";

/** A step that needs the platform's key, opened in a session that does not hold it (another browser, a restart). */
export function NoKeyAlert({ why }: { why?: string }) {
  return (
    <Alert variant="warning" title="No key in this session">
      Enter the platform&apos;s access key in step 2 first{why ? `: ${why}` : "."}
    </Alert>
  );
}
