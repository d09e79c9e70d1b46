"use client";

import { FindingList } from "@/components/findings/finding-list";
import type { DomainResponse } from "@/lib/setup/contract";
import { NOT_YET } from "./labels";

/** What is wrong with the records first; the long form of "not there yet" behind a summary. */
export default function RecordFindings({ data }: { data: DomainResponse }) {
  const wrong = data.live.findings.filter((f) => !NOT_YET.has(f.code));
  const notYet = data.live.findings.filter((f) => NOT_YET.has(f.code));
  return (
    <>
      {wrong.length ? (
        <section className="flex flex-col gap-2">
          <h3 className="text-sm font-medium text-neutral-900">What is wrong with the records Sesame sees</h3>
          <FindingList findings={wrong} />
        </section>
      ) : null}
      {notYet.length ? (
        <details className="group rounded-lg border border-neutral-200 p-3 text-sm">
          <summary className="cursor-pointer font-medium text-neutral-900">
            Why each missing record matters ({notYet.length})
          </summary>
          <div className="mt-3">
            <FindingList findings={notYet} />
          </div>
        </details>
      ) : null}
    </>
  );
}
