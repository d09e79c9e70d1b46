import { FindingList } from "@/components/findings/finding-list";
import { Alert, Badge, CopyButton } from "@/components/ui";
import type { SendResponse } from "@/lib/setup/contract";

/** A send as the step lists it: SES's answer, who it went to, and whether it still proves the current set-up. */
export type SendRecord = Partial<SendResponse> &
  Pick<SendResponse, "via" | "ok"> & {
    from: string;
    to: string;
    /** made with another key, region or domain than the ones in use now */
    stale?: boolean;
  };

const channel = (via: SendRecord["via"]) => (via === "api" ? "the SES API" : "SMTP");

/** The production-access link; why it matters is the catalogue's send.test-rejected finding listed below. */
function SandboxHint({ region }: { region: string }) {
  const productionLink = `https://console.aws.amazon.com/ses/home?region=${region}#/get-set-up`;
  return (
    <p className="mt-2">
      <a className="font-medium underline" href={productionLink} target="_blank" rel="noreferrer">
        Request production access for {region}
      </a>
    </p>
  );
}

/** One entry of the send history. */
export function SendResult({ r, region }: { r: SendRecord; region: string }) {
  // only when the recipient is what SES refused, never for a sender problem or throttling (issue 10 #6)
  const sandbox = r.findings?.some(
    (f) => f.code === "send.test-rejected" && f.evidence.cause === "recipient-unverified",
  );
  const stale = r.stale ? (
    <Badge variant="neutral" className="ml-2">
      stale: the key, region or domain changed since
    </Badge>
  ) : null;
  return (
    <li className="flex flex-col gap-2" data-stale={r.stale ? "true" : undefined}>
      {r.ok ? (
        <Alert variant={r.stale ? "info" : "success"} title={`Sent via ${channel(r.via)} to ${r.to}`}>
          <span className="inline-flex flex-wrap items-center gap-1 [overflow-wrap:anywhere]">
            MessageId <code className="font-mono">{r.messageId}</code>
            {r.messageId ? <CopyButton value={r.messageId} label="Copy MessageId" /> : null}
            {stale}
          </span>
        </Alert>
      ) : (
        <Alert
          variant={r.stale ? "info" : "error"}
          title={`${r.via === "api" ? "API" : "SMTP"} send to ${r.to} failed${r.code ? ` (${r.code})` : ""}`}
        >
          <p className="[overflow-wrap:anywhere]">
            {r.message}
            {stale}
          </p>
          {r.unverified?.length ? (
            <p className="mt-1">
              Not verified in {r.rejectedRegion ?? region}:{" "}
              {r.unverified.map((u) => (
                <Badge key={u} variant="error" className="mr-1 font-mono">
                  {u}
                </Badge>
              ))}
            </p>
          ) : null}
          {sandbox && !r.stale ? <SandboxHint region={region} /> : null}
        </Alert>
      )}
      {r.findings?.length && !r.stale ? <FindingList findings={r.findings} /> : null}
    </li>
  );
}
