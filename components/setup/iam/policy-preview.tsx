import { CodeBlock } from "../code-block";

/** The exact inline policy the platform's user gets, before anything is created. */
export function PolicyPreview(p: { policyJson: string; policyName: string; targetLabel: string }) {
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-medium text-neutral-900">
        Policy JSON{" "}
        <span className="font-normal text-neutral-500">
          — inline policy “{p.policyName}”, exactly what {p.targetLabel} calls
        </span>
      </h3>
      <CodeBlock code={p.policyJson} label="policy JSON" />
    </div>
  );
}
