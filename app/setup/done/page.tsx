import { Activity, RotateCw } from "lucide-react";
import Link from "next/link";
import { DoneProductionAccess } from "@/components/setup/done/production-access";
import { LockPanel } from "@/components/setup/lock-panel";
import { StepFrame } from "@/components/setup/step-frame";
import { Badge, buttonClass, Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { setupSession } from "@/lib/setup/session";
import { loadState } from "@/lib/setup/state";
import { readDoneAccount } from "./account";

export const dynamic = "force-dynamic";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-3 border-b border-neutral-100 py-2 text-sm last:border-0 sm:grid-cols-[10rem_minmax(0,1fr)]">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="min-w-0 break-words text-neutral-900">{children}</dd>
    </div>
  );
}

export default async function DonePage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const sid = await setupSession();
  if (!sid) return null;
  const state = await loadState();
  const config = readConfig();
  const target = state.target ? getTarget(state.target) : undefined;
  const lastOk = [...state.sends].reverse().filter((s) => s.ok);
  // the region's sandbox and a filed request's review: the session's key, or the chain's on the role path (docs/wizard.md)
  const account = await readDoneAccount(state, sid, config);
  const filed = state.region ? state.productionAccess?.[state.region] : undefined;
  const review = account.review ?? (filed ? { status: filed.status, caseId: filed.caseId } : undefined);
  // offered unless the region is known to be out of the sandbox with nothing under review
  const offerProduction = !!state.region && !!target && (account.sandbox !== false || !!review);
  return (
    <StepFrame
      slug="done"
      aside={
        <Card>
          <CardHeader>
            <CardTitle>Lock the setup wizard</CardTitle>
            <CardDescription>
              Setup routes can create IAM users and rewrite the env file. Once you are done, lock them; the health page
              keeps working.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <LockPanel />
          </CardContent>
        </Card>
      }
    >
      <dl aria-label="Summary">
        <Row label="Platform">{target ? target.label : "—"}</Row>
        <Row label="Region">{state.region ?? "—"}</Row>
        <Row label={state.iam?.mode === "role" ? "IAM role" : "IAM user"}>
          {state.iam?.mode === "role" ? (
            <>
              {state.iam.roleName ?? "the role where the platform runs"} · policy{" "}
              <code className="font-mono">{state.iam.policyName}</code> <Badge>no stored keys</Badge>
            </>
          ) : state.iam ? (
            <>
              {state.iam.userName ?? "(entered manually)"} · key{" "}
              <code className="font-mono">{state.iam.accessKeyId}</code>{" "}
              <Badge>{state.iam.mode === "auto" ? "created by Sesame" : "manual"}</Badge>
            </>
          ) : (
            "—"
          )}
        </Row>
        <Row label="Credential check">
          {state.check ? (
            <Badge
              variant={state.check.status === "pass" ? "success" : state.check.status === "warn" ? "warning" : "error"}
              className="whitespace-normal"
            >
              {state.check.status} · {state.check.errors} errors, {state.check.warnings} warnings
            </Badge>
          ) : (
            "not run"
          )}
        </Row>
        <Row label="Env file">
          {state.env ? (
            <>
              <code className="font-mono">{state.env.path}</code>: {state.env.names.join(", ")}
              {state.env.backup ? (
                <>
                  {" "}
                  (backup <code className="font-mono">{state.env.backup}</code>)
                </>
              ) : null}
            </>
          ) : state.envDownloadedAt ? (
            "downloaded, not written"
          ) : (
            <>not written ({config.envFile})</>
          )}
        </Row>
        <Row label="Domain">
          {state.domain ? (
            <>
              {state.domain.name}{" "}
              <Badge variant={state.domain.status === "SUCCESS" ? "success" : "warning"}>
                {state.domain.status === "SUCCESS" ? "verified" : (state.domain.status ?? "pending").toLowerCase()}
              </Badge>{" "}
              in {state.domain.region}
              {state.domain.mailFrom ? `, MAIL FROM ${state.domain.mailFrom}` : ""}
            </>
          ) : (
            "—"
          )}
        </Row>
        <Row label="Test sends">
          {lastOk.length
            ? lastOk.map((s) => (
                <div key={`${s.via}-${s.at}`}>
                  {s.via.toUpperCase()} → {s.to}: <code className="font-mono text-xs">{s.messageId}</code>
                </div>
              ))
            : "none delivered yet"}
        </Row>
        {target ? (
          <Row label="Restart the platform">{<code className="font-mono text-xs">{target.restartHint}</code>}</Row>
        ) : null}
      </dl>
      {offerProduction && state.region && target ? (
        <div className="mt-6 border-t border-neutral-200 pt-5">
          <DoneProductionAccess
            region={state.region}
            platform={
              target.id === "aws"
                ? "our own application (AWS SDK)"
                : target.id === "smtp"
                  ? "our own application over SMTP"
                  : target.label
            }
            domain={state.domain?.name}
            eventLoop={state.events?.status === "confirmed"}
            initialReview={review}
            reviewAsFiled={!account.review && !!filed}
          />
        </div>
      ) : null}
      <div className="mt-6 flex flex-wrap justify-end gap-2">
        {/* the role path stores no key, so there is none to rotate */}
        {state.iam?.mode === "role" ? null : (
          <Link href="/setup/rotate" className={buttonClass("outline")}>
            <RotateCw className="h-4 w-4" aria-hidden /> Rotate the access key
          </Link>
        )}
        <Link href="/health" className={buttonClass("default")}>
          <Activity className="h-4 w-4" aria-hidden /> Open the health page
        </Link>
      </div>
    </StepFrame>
  );
}
