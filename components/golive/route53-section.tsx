import { CloudUpload } from "lucide-react";
import { Route53Opener } from "./route53-opener";

/**
 * "Publish to Route 53" on the Domain step: the heading, the manual path's provider pitfalls (server-rendered, no
 * JavaScript) and the opener that loads the publishing panel (./route53-panel.tsx) on the click that opens it, so
 * the page's first load does not carry it.
 */
export function Route53Section(props: {
  domain: string;
  /** where hand-published records commonly go wrong, per provider: the catalogue's fixes, filled on the server */
  providerTips: { provider: string; text: string }[];
}) {
  return (
    <section aria-labelledby="route53-title" className="flex flex-col gap-4 border-t border-neutral-200 pt-5">
      <div className="flex flex-col gap-1">
        <h3 id="route53-title" className="flex items-center gap-2 text-sm font-semibold text-neutral-900">
          <CloudUpload className="h-4 w-4 text-neutral-500" aria-hidden /> Publish to Route 53
        </h3>
        <p className="text-sm text-neutral-500">
          When the hosted zone of {props.domain} is in this AWS account, Sesame writes the records above into it and
          waits until Route 53 reports them in sync.
        </p>
      </div>
      <Route53Opener />
      <details className="text-sm text-neutral-700">
        <summary className="cursor-pointer text-neutral-900">Publishing by hand at another provider?</summary>
        <ul className="mt-2 flex list-disc flex-col gap-1 pl-5 text-xs">
          {props.providerTips.map((h) => (
            <li key={h.provider}>
              <strong>{h.provider}:</strong> {h.text}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
