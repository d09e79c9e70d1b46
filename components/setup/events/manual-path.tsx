"use client";

import { Field, Input } from "@/components/ui";
import { CodeBlock } from "../code-block";
import type { EventsStepProps } from "./props";

/** Building the loop by hand: the console steps, the same as AWS CLI commands, and the topic ARN to check. */
export default function ManualPath(p: {
  manual: NonNullable<EventsStepProps["manual"]>;
  topicArn: string;
  onTopicArn: (arn: string) => void;
}) {
  return (
    <>
      <ol className="flex list-decimal flex-col gap-1.5 pl-5 text-sm text-neutral-700">
        {p.manual.console.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <h3 className="text-sm font-medium text-neutral-900">Or with the AWS CLI</h3>
      <CodeBlock code={p.manual.cli.join("\n\n")} label="AWS CLI commands" />
      <Field id="topic-arn" label="Topic ARN" hint="From create-topic's output, or the SNS console.">
        <Input
          id="topic-arn"
          spellCheck={false}
          value={p.topicArn}
          onChange={(e) => p.onTopicArn(e.target.value)}
          required
        />
      </Field>
    </>
  );
}
