"use client";

import { Rocket } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { RefusalAlert } from "@/components/findings/refusal-alert";
import { callSetup } from "@/components/setup/api";
import { CodeBlock } from "@/components/setup/code-block";
import { EMPTY_KEY, type KeyInput, KeyFields, keyBody } from "@/components/setup/key-fields";
import { Alert, Badge, Button, Field, Input, Select, Textarea } from "@/components/ui";
import { draftUseCase, putAccountDetailsCli, REVIEW_POINTS } from "@/lib/golive/production-draft";
import type { ProductionRequest, Review } from "@/lib/golive/production-request";
import type { ErrorBody } from "@/lib/setup/contract";
import { REVIEW_STATUS } from "./review-status";

/** What happens after each review outcome (AWS's rules: a denied case continues in the Support Center). */
function ReviewState({ region, review, asFiled }: { region: string; review: Review; asFiled: boolean }) {
  const s = REVIEW_STATUS[review.status];
  const caseText = review.caseId ? `case ${review.caseId}` : "the case";
  return (
    <div className="flex flex-col gap-3" role="status" aria-label={`Production access in ${region}`}>
      <p className="flex flex-wrap items-center gap-2 text-sm text-neutral-800">
        Production access in {region}: <Badge variant={s.variant}>{s.label}</Badge>
        {review.caseId ? <span className="font-mono text-xs text-neutral-500">case {review.caseId}</span> : null}
      </p>
      {asFiled ? (
        <p className="text-xs text-neutral-500">
          As filed from this wizard: the platform key may not read the review (ses:GetAccount).{" "}
          <code className="font-mono">sesame doctor</code> with a key that may shows where it stands now.
        </p>
      ) : null}
      {review.status === "PENDING" ? (
        <Alert variant="warning">
          AWS is reviewing the request (usually about a day). Answer {caseText} in the AWS Support Center if AWS asks
          questions; the health page and <code className="font-mono">sesame doctor</code> show the outcome.
        </Alert>
      ) : null}
      {review.status === "GRANTED" ? (
        <Alert variant="success">{region} is out of the sandbox: you can send to any address.</Alert>
      ) : null}
      {review.status === "DENIED" ? (
        <Alert variant="error" title="AWS denied the request">
          A new request is refused while the case stands (ConflictException). Reply to {caseText} in the AWS Support
          Center: say how recipients opt in, how bounces and complaints are handled and how they unsubscribe, and ask
          for a new review.
        </Alert>
      ) : null}
      {review.status === "FAILED" ? (
        <Alert variant="error" title="The request could not be processed">
          Open {caseText} in the AWS Support Center to see what AWS needs, and answer there.
        </Alert>
      ) : null}
    </div>
  );
}

/**
 * "Request production access" for a sandboxed region: SESv2 PutAccountDetails composed from what Sesame knows, the
 * use case editable, the reviewers' points beside it; submitted with credentials used once, or as an AWS CLI command.
 */
export function ProductionAccessPanel(props: {
  region: string;
  platform: string;
  domain?: string;
  eventLoop: boolean;
  initialReview?: Review;
  /** the review comes from the wizard's own record, not from GetAccount */
  reviewAsFiled?: boolean;
}) {
  const [review, setReview] = useState<Review | undefined>(props.initialReview);
  const [asFiled, setAsFiled] = useState(!!props.reviewAsFiled);
  const [mailType, setMailType] = useState<ProductionRequest["mailType"]>("TRANSACTIONAL");
  const [website, setWebsite] = useState(props.domain ? `https://${props.domain}` : "https://");
  const [volume, setVolume] = useState("1000");
  const draft = () =>
    draftUseCase({
      platform: props.platform,
      domain: props.domain,
      eventLoop: props.eventLoop,
      mailType,
      dailyVolume: Number(volume) > 0 ? Number(volume) : undefined,
      websiteUrl: website,
    });
  const [useCase, setUseCase] = useState(draft);
  const [contacts, setContacts] = useState("");
  const [language, setLanguage] = useState<"EN" | "JA">("EN");
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  // one panel per sandboxed region on the health page: ids unique per panel
  const uid = useId();
  const pa = `pa-${props.region}`;

  const request: ProductionRequest = useMemo(
    () => ({
      region: props.region,
      mailType,
      websiteUrl: website.trim(),
      useCase: useCase.trim(),
      contacts: contacts
        .split(/[\s,;]+/)
        .map((c) => c.trim())
        .filter(Boolean),
      language,
    }),
    [props.region, mailType, website, useCase, contacts, language],
  );

  async function submit() {
    setBusy(true);
    setError(null);
    const res = await callSetup("POST /api/setup/production-access", {
      request,
      ...keyBody(key),
    });
    setBusy(false);
    // the credentials were for this one request
    setKey(EMPTY_KEY);
    if (!res.ok) setError(res.data);
    else if (res.data.review) {
      setReview(res.data.review);
      setAsFiled(false);
    } else setError({ error: "SES accepted the request but shows no review yet; reload in a minute." });
  }

  return (
    <section aria-labelledby={`${uid}-title`} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h3 id={`${uid}-title`} className="flex items-center gap-2 text-sm font-semibold text-neutral-900">
          <Rocket className="h-4 w-4 text-neutral-500" aria-hidden /> Request production access — {props.region}
        </h3>
        <p className="text-sm text-neutral-500">
          In the sandbox SES delivers only to verified addresses, 200 messages a day. AWS reviews a short request (SESv2
          PutAccountDetails) to lift it.
        </p>
      </div>
      {review ? (
        <ReviewState region={props.region} review={review} asFiled={asFiled} />
      ) : (
        <div className="grid gap-5 lg:grid-cols-[1fr_16rem]">
          <div className="flex min-w-0 flex-col gap-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id={`${pa}-mail-type`} label="Mail type">
                <Select
                  id={`${pa}-mail-type`}
                  value={mailType}
                  onChange={(e) => setMailType(e.target.value as ProductionRequest["mailType"])}
                >
                  <option value="TRANSACTIONAL">Transactional</option>
                  <option value="MARKETING">Marketing</option>
                </Select>
              </Field>
              <Field id={`${pa}-volume`} label="Expected messages per day">
                <Input
                  id={`${pa}-volume`}
                  inputMode="numeric"
                  value={volume}
                  onChange={(e) => setVolume(e.target.value.replace(/[^\d]/g, ""))}
                />
              </Field>
              <Field id={`${pa}-website`} label="Website URL" className="sm:col-span-2">
                <Input id={`${pa}-website`} type="url" value={website} onChange={(e) => setWebsite(e.target.value)} />
              </Field>
            </div>
            <Field
              id={`${pa}-use-case`}
              label="Use case"
              hint="Drafted from your setup; edit it so it is true for you. Reviewers read it word by word."
            >
              <Textarea id={`${pa}-use-case`} rows={8} value={useCase} onChange={(e) => setUseCase(e.target.value)} />
            </Field>
            <div>
              <Button variant="outline" size="sm" onClick={() => setUseCase(draft())}>
                Draft again from these answers
              </Button>
            </div>
            <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
              <Field id={`${pa}-contacts`} label="Additional contacts" hint="Up to 4 addresses, separated by commas.">
                <Input id={`${pa}-contacts`} value={contacts} onChange={(e) => setContacts(e.target.value)} />
              </Field>
              <Field id={`${pa}-language`} label="Contact language">
                <Select
                  id={`${pa}-language`}
                  value={language}
                  onChange={(e) => setLanguage(e.target.value as "EN" | "JA")}
                >
                  <option value="EN">English</option>
                  <option value="JA">Japanese</option>
                </Select>
              </Field>
            </div>
            <div className="flex flex-col gap-3 rounded-lg border border-neutral-200 p-4">
              <p className="text-sm text-neutral-700">
                Submitting needs <code className="font-mono text-xs">ses:PutAccountDetails</code>, which the platform
                key does not have. Paste credentials that may (used for this request only, never stored):
              </p>
              <KeyFields idPrefix={pa} labelPrefix="Admin" value={key} onChange={setKey} />
              <div>
                <Button onClick={submit} disabled={busy || !key.keyId || !key.secret}>
                  {busy ? "Submitting…" : "Request production access"}
                </Button>
              </div>
              {error ? <RefusalAlert title="Not submitted" error={error.error} finding={error.finding} /> : null}
            </div>
            <div className="flex flex-col gap-2">
              <p className="text-sm text-neutral-700">Or run it yourself with the AWS CLI:</p>
              <CodeBlock code={putAccountDetailsCli(request)} label="AWS CLI command" />
            </div>
          </div>
          <aside
            aria-label="What reviewers look for"
            className="rounded-lg border border-neutral-200 bg-neutral-50 p-4"
          >
            <p className="text-xs font-medium uppercase tracking-wide text-neutral-500">What reviewers look for</p>
            <ul className="mt-2 flex list-disc flex-col gap-2 pl-4 text-xs text-neutral-700">
              {REVIEW_POINTS.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </aside>
        </div>
      )}
    </section>
  );
}
