"use client";

import { FlaskConical, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { FindingList } from "@/components/findings/finding-list";
import {
  Alert,
  Badge,
  type BadgeVariant,
  Button,
  CopyButton,
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui";
import type { Finding } from "@/lib/diagnose/schema";
import { callSetup } from "./api";

interface RecordRow {
  id: string;
  type: string;
  name: string;
  value: string;
  priority?: number;
  required: boolean;
  purpose: string;
}
interface LiveRow {
  id: string;
  status: "ok" | "missing" | "wrong" | "unknown";
  found: string[];
  finding?: Finding;
}
interface StatusData {
  status: {
    domain: string;
    region: string;
    verification: string;
    dkim: string;
    mailFrom?: { domain: string; status: string };
    records: RecordRow[];
  };
  live: { rows: LiveRow[]; findings: Finding[] };
}
interface ErrorData {
  error?: string;
  permission?: string;
  needCreds?: boolean;
}

const POLL_SECONDS = 10;
const NOT_YET = new Set(["dns.record-missing", "dns.mx-missing", "dns.spf-missing", "dns.dmarc-missing"]);

const SES_BADGE: Record<string, BadgeVariant> = {
  SUCCESS: "success",
  PENDING: "warning",
  FAILED: "error",
  TEMPORARY_FAILURE: "error",
};
const LIVE_BADGE: Record<LiveRow["status"], { v: BadgeVariant; t: string }> = {
  ok: { v: "success", t: "Found" },
  missing: { v: "warning", t: "Missing" },
  wrong: { v: "error", t: "Wrong" },
  unknown: { v: "neutral", t: "Unknown" },
};

/**
 * At most one short line per row, only where the badge alone does not say it (a plain "Missing" needs no echo); the
 * full why and fix live once, in the finding list under the table.
 */
function rowHint(f: Finding): string | undefined {
  const e = f.evidence as Record<string, unknown>;
  switch (f.code) {
    case "dns.wrong-value":
      return `Sesame sees ${Array.isArray(e.found) ? e.found.join(", ") : String(e.found ?? "another value")}`;
    case "dns.doubled-domain":
      return `Found at ${String(e.foundAt)} instead`;
    case "dns.proxied-cname":
      return "Answers with an address, not a CNAME (proxied?)";
    case "dns.cname-mx-conflict":
      return "This name already has a CNAME";
    case "dns.lookup-failed":
      return "Lookup failed";
    default:
      return undefined;
  }
}

function sesLabel(s: string) {
  return s === "SUCCESS" ? "Verified" : s === "PENDING" ? "Pending" : s.replace(/_/g, " ").toLowerCase();
}

/** Step 5: create the identity, show the records with live status, poll SES with a visible countdown. */
export function DomainStep(props: {
  initial?: { name: string; mailFromLabel?: string };
  defaultSubdomain: string;
  demo: boolean;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState(!props.initial);
  const [domain, setDomain] = useState(props.initial?.name ?? "");
  const [sub, setSub] = useState(props.initial?.mailFromLabel ?? props.defaultSubdomain);
  const [data, setData] = useState<StatusData>();
  const [error, setError] = useState<ErrorData>();
  const [busy, setBusy] = useState(false);
  const [countdown, setCountdown] = useState(POLL_SECONDS);
  const [published, setPublished] = useState<string>();
  const [creds, setCreds] = useState({ accessKeyId: "", secretAccessKey: "" });
  const verifiedOnce = useRef(false);

  const apply = useCallback(
    (d: StatusData) => {
      setData(d);
      setError(undefined);
      if (d.status.verification === "SUCCESS" && !verifiedOnce.current) {
        verifiedOnce.current = true;
        router.refresh();
      }
    },
    [router],
  );

  const refresh = useCallback(async () => {
    setCountdown(POLL_SECONDS);
    const res = await callSetup<StatusData & ErrorData>("/api/setup/domain");
    if (res.ok) apply(res.data);
    else setError(res.data);
  }, [apply]);

  // first load when a domain exists already
  const initialName = props.initial?.name;
  useEffect(() => {
    if (initialName) void refresh();
  }, [initialName, refresh]);

  const verified = data?.status.verification === "SUCCESS";
  // visible countdown; polls SES when it reaches zero, stops once verified
  useEffect(() => {
    if (!data || verified || editing) return;
    const t = setInterval(() => {
      setCountdown((c) => {
        if (c <= 1) {
          void refresh();
          return POLL_SECONDS;
        }
        return c - 1;
      });
    }, 1000);
    return () => clearInterval(t);
  }, [data, verified, editing, refresh]);

  async function create(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    const withCreds = error?.needCreds && creds.accessKeyId && creds.secretAccessKey;
    const res = await callSetup<StatusData & ErrorData>("/api/setup/domain", {
      body: { domain, mailFromSubdomain: sub, creds: withCreds ? creds : undefined },
    });
    setBusy(false);
    if (res.ok) {
      setEditing(false);
      setCreds({ accessKeyId: "", secretAccessKey: "" });
      verifiedOnce.current = false;
      apply(res.data);
      setCountdown(POLL_SECONDS);
      router.refresh();
    } else setError(res.data);
  }

  async function publish() {
    setBusy(true);
    const res = await callSetup<{ published: string[] } & ErrorData>("/api/setup/demo/dns", { body: {} });
    setBusy(false);
    if (res.ok) {
      setPublished(`Published ${res.data.published.length} records to the stand-in's DNS.`);
      await refresh();
    } else setError(res.data);
  }

  const liveById = new Map(data?.live.rows.map((r) => [r.id, r]));
  // Records that are simply not there yet are already marked in the table; their long form waits behind a summary so
  // that what is actually wrong (doubled zone, proxied CNAME, wrong value) stands out.
  const wrong = data?.live.findings.filter((f) => !NOT_YET.has(f.code)) ?? [];
  const notYet = data?.live.findings.filter((f) => NOT_YET.has(f.code)) ?? [];

  return (
    <div className="flex flex-col gap-5">
      {editing ? (
        <form onSubmit={create} className="flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
            <Field
              id="domain-name"
              label="Sending domain"
              hint="The domain your platform sends from, e.g. example.com."
            >
              <Input
                id="domain-name"
                spellCheck={false}
                value={domain}
                onChange={(e) => setDomain(e.target.value)}
                required
              />
            </Field>
            <Field
              id="mail-from-subdomain"
              label="MAIL FROM subdomain"
              hint={`Bounces go through ${sub || "…"}.${domain || "domain"}`}
            >
              <Input id="mail-from-subdomain" spellCheck={false} value={sub} onChange={(e) => setSub(e.target.value)} />
            </Field>
          </div>
          {error?.needCreds ? (
            <div className="flex flex-col gap-3 rounded-lg border border-amber-200 bg-amber-50 p-3">
              <p className="text-sm text-amber-900">
                The platform&apos;s least-privilege key may not manage identities
                {error.permission ? ` (${error.permission})` : ""}. Enter credentials that may — they stay in server
                memory for this session only and are never written anywhere.
              </p>
              <div className="grid gap-3 sm:grid-cols-2">
                <Field id="domain-key-id" label="Access key ID for identity management">
                  <Input
                    id="domain-key-id"
                    autoComplete="off"
                    value={creds.accessKeyId}
                    onChange={(e) => setCreds({ ...creds, accessKeyId: e.target.value })}
                  />
                </Field>
                <Field id="domain-secret" label="Secret access key for identity management">
                  <Input
                    id="domain-secret"
                    type="password"
                    autoComplete="off"
                    value={creds.secretAccessKey}
                    onChange={(e) => setCreds({ ...creds, secretAccessKey: e.target.value })}
                  />
                </Field>
              </div>
            </div>
          ) : null}
          {error ? <Alert variant="error">{error.error}</Alert> : null}
          <div className="flex justify-end gap-2">
            {props.initial ? (
              <Button variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            ) : null}
            <Button type="submit" disabled={busy}>
              {busy ? "Creating…" : "Create identity"}
            </Button>
          </div>
        </form>
      ) : null}

      {data && !editing ? (
        <div className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-neutral-200 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-neutral-900">{data.status.domain}</span>
              <Badge
                variant={SES_BADGE[data.status.verification] ?? "neutral"}
                aria-label={`SES status: ${sesLabel(data.status.verification)}`}
              >
                {sesLabel(data.status.verification)}
              </Badge>
              <span className="text-xs text-neutral-500">
                in {data.status.region} · DKIM {sesLabel(data.status.dkim)}
                {data.status.mailFrom && data.status.mailFrom.status !== "UNKNOWN"
                  ? ` · MAIL FROM ${sesLabel(data.status.mailFrom.status)}`
                  : ""}
              </span>
            </div>
            <div className="flex items-center gap-2">
              {!verified ? (
                <span className="text-xs text-neutral-500" aria-live="off">
                  Next check in {countdown}s
                </span>
              ) : null}
              <Button variant="ghost" size="sm" onClick={() => void refresh()} aria-label="Refresh status">
                <RefreshCw className="h-3.5 w-3.5" aria-hidden /> Refresh
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
                Change domain
              </Button>
            </div>
          </div>

          {verified ? (
            <Alert variant="success" title={`${data.status.domain} is verified`}>
              SES found the DKIM records; the domain can send in {data.status.region}.
            </Alert>
          ) : (
            <Alert variant="warning" title="DNS configuration required">
              Add these records at your DNS provider. Sesame looks them up itself and asks SES every {POLL_SECONDS}{" "}
              seconds; public DNS can take minutes (rarely hours) to update.
            </Alert>
          )}

          <Table aria-label="DNS records">
            <TableHeader>
              <TableRow>
                <TableHead className="w-14">Type</TableHead>
                <TableHead>Name</TableHead>
                <TableHead>Value</TableHead>
                <TableHead className="w-28">Status</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.status.records.map((r) => {
                const live = liveById.get(r.id);
                const value = r.priority ? `${r.priority} ${r.value}` : r.value;
                const badge = LIVE_BADGE[live?.status ?? "unknown"];
                const hint = live?.finding && live.status !== "ok" ? rowHint(live.finding) : undefined;
                return (
                  <TableRow key={r.id} data-record={r.id}>
                    <TableCell className="font-mono font-medium">{r.type}</TableCell>
                    {/* a floor for the long names: phones scroll the table inside the card instead of
                        squeezing them into two-letter columns; at desktop widths everything still fits */}
                    <TableCell className="min-w-40">
                      <span className="flex items-start gap-1 font-mono break-all">
                        {r.name}
                        <CopyButton value={r.name} label={`Copy name ${r.name}`} />
                      </span>
                    </TableCell>
                    <TableCell className="min-w-40">
                      <span className="flex items-start gap-1 font-mono break-all">
                        {value}
                        <CopyButton value={value} label={`Copy value for ${r.name}`} />
                      </span>
                      {hint ? <p className="mt-1 text-[11px] break-all text-red-700">{hint}</p> : null}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      <span className="flex flex-col items-start gap-1">
                        <Badge variant={badge.v}>{badge.t}</Badge>
                        <Badge variant="neutral" className="text-[10px] uppercase">
                          {r.required ? "required" : r.purpose === "dmarc" ? "recommended" : "optional"}
                        </Badge>
                      </span>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>

          {props.demo && !verified ? (
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-dashed border-amber-300 bg-amber-50/50 p-3">
              <p className="flex items-center gap-2 text-sm text-amber-900">
                <FlaskConical className="h-4 w-4" aria-hidden /> Demo: no real DNS provider here. Publish the records to
                the stand-in&apos;s DNS.
              </p>
              <Button size="sm" variant="outline" onClick={() => void publish()} disabled={busy}>
                Publish records to demo DNS
              </Button>
            </div>
          ) : null}
          {published ? <Alert variant="info">{published}</Alert> : null}
          {error ? <Alert variant="error">{error.error}</Alert> : null}

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
        </div>
      ) : null}
      {!data && !editing && error ? <Alert variant="error">{error.error}</Alert> : null}
    </div>
  );
}
