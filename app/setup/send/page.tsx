import { ConnectivityPanel } from "@/components/golive/connectivity-panel";
import { StepNav } from "@/components/setup/nav-buttons";
import { NoKeyAlert } from "@/components/setup/no-key-alert";
import { SendStep } from "@/components/setup/send-step";
import { StepFrame } from "@/components/setup/step-frame";
import { materialize } from "@/lib/findings/materialize";
import { hasSmtp } from "@/lib/regions";
import { readConfig } from "@/lib/config";
import { smtpHost } from "@/lib/regions";
import { smtpWhere } from "@/lib/setup/send";
import { hasCurrentSend, isCurrentSend } from "@/lib/setup/progress";
import { portAdvice } from "@/lib/smtp/port-advice";
import { onRolePath } from "@/lib/setup/context";
import { stepSession } from "@/lib/setup/session";

export const dynamic = "force-dynamic";

export default async function SendPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const step = await stepSession();
  if (!step) return null;
  const { state, secrets } = step;
  const config = readConfig();
  const smtp = smtpWhere(state.region, config.smtpEndpoint);
  const hasKey = !!secrets || onRolePath(state);
  const last = state.connectivity;
  const best = last?.results.find((r) => r.port === last.recommended && r.outcome === "reachable");
  return (
    <StepFrame slug="send">
      {hasKey ? (
        <SendStep
          defaultFrom={`sesame-test@${state.domain?.name ?? "example.com"}`}
          region={state.region}
          // a role gives temporary credentials, which SES SMTP does not take: the role path sends through the API
          smtpOffered={!onRolePath(state) && (!!config.smtpEndpoint || hasSmtp(state.region))}
          smtpWhyNot={
            onRolePath(state)
              ? materialize("smtp.role-no-password", {})
              : materialize("smtp.region-no-smtp", { region: state.region })
          }
          smtpHost={`${smtp.host}:${smtp.port}`}
          previous={[...state.sends].reverse().map((s) => ({
            via: s.via,
            ok: s.ok,
            from: s.from,
            to: s.to,
            messageId: s.messageId,
            message: s.error,
            stale: !isCurrentSend(s, state),
          }))}
        />
      ) : (
        <NoKeyAlert />
      )}
      {hasSmtp(state.region) ? (
        <ConnectivityPanel
          smtpTarget={state.target === "smtp"}
          initial={
            last
              ? {
                  host: smtpHost(state.region),
                  results: last.results,
                  recommended: best,
                  advice: best ? portAdvice(state.target, best) : [],
                }
              : undefined
          }
        />
      ) : null}
      <StepNav
        slug="send"
        canContinue={hasCurrentSend(state)}
        reason="Send one message successfully with the current key, region and domain first."
      />
    </StepFrame>
  );
}
