import { RefreshCw } from "lucide-react";
import { Badge, Button } from "@/components/ui";
import type { DomainStatus } from "@/lib/setup/contract";
import { SES_BADGE, sesLabel } from "./labels";

/** The identity's name, SES status and region, the countdown to the next poll, Refresh and Change domain. */
export function DomainStatusBar(props: {
  status: DomainStatus;
  countdown?: number;
  onRefresh: () => void;
  onChange: () => void;
}) {
  const s = props.status;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-neutral-200 p-3">
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <span className="font-medium [overflow-wrap:anywhere] text-neutral-900">{s.domain}</span>
        <Badge variant={SES_BADGE[s.verification] ?? "neutral"} aria-label={`SES status: ${sesLabel(s.verification)}`}>
          {sesLabel(s.verification)}
        </Badge>
        <span className="text-xs text-neutral-500">
          in {s.region} · DKIM {sesLabel(s.dkim)}
          {s.mailFrom && s.mailFrom.status !== "UNKNOWN" ? ` · MAIL FROM ${sesLabel(s.mailFrom.status)}` : ""}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {props.countdown !== undefined ? (
          <span className="text-xs text-neutral-500" aria-live="off">
            Next check in {props.countdown}s
          </span>
        ) : null}
        <Button variant="ghost" size="sm" onClick={props.onRefresh} aria-label="Refresh status">
          <RefreshCw className="h-3.5 w-3.5" aria-hidden /> Refresh
        </Button>
        <Button variant="ghost" size="sm" onClick={props.onChange}>
          Change domain
        </Button>
      </div>
    </div>
  );
}
