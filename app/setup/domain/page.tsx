import { Route53Section } from "@/components/golive/route53-section";
import { DomainStep } from "@/components/setup/domain-step";
import { StepNav } from "@/components/setup/nav-buttons";
import { NoKeyAlert } from "@/components/setup/no-key-alert";
import { StepFrame } from "@/components/setup/step-frame";
import { readConfig } from "@/lib/config";
import { CATALOGUE } from "@/lib/findings/catalogue";
import { fillTemplate } from "@/lib/findings/materialize";
import { getTarget } from "@/lib/env/targets";
import { demoBootstrap } from "@/lib/setup/demo-bootstrap";
import { domainVerified } from "@/lib/setup/progress";
import { onRolePath } from "@/lib/setup/context";
import { stepSession } from "@/lib/setup/session";

export const dynamic = "force-dynamic";

export default async function DomainPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const step = await stepSession();
  if (!step) return null;
  const { state, secrets } = step;
  const target = getTarget(state.target);
  const config = readConfig();
  const d = state.domain;
  const hasKey = !!secrets || onRolePath(state);
  return (
    <StepFrame slug="domain">
      {hasKey ? (
        <DomainStep
          initial={d ? { name: d.name, mailFromLabel: d.mailFrom?.slice(0, -(d.name.length + 1)) } : undefined}
          defaultSubdomain={target.mailFromSubdomain}
          region={state.region}
          demo={config.demo}
          demoKey={demoBootstrap(config)}
        />
      ) : (
        <NoKeyAlert />
      )}
      {hasKey && d && d.status !== "SUCCESS" ? (
        <Route53Section
          domain={d.name}
          providerTips={[
            {
              provider: "Cloudflare",
              text: fillTemplate(CATALOGUE["dns.proxied-cname"].fix, {
                name: `<token>._domainkey.${d.name}`,
                expected: "<token>.dkim.amazonses.com",
              }),
            },
            {
              provider: "Registrars whose Host field already ends in the domain",
              text: fillTemplate(CATALOGUE["dns.doubled-domain"].fix, { relative: "<token>._domainkey" }),
            },
          ]}
        />
      ) : null}
      <StepNav
        slug="domain"
        canContinue={domainVerified(state)}
        reason="Continue unlocks once SES reports the domain verified."
      />
    </StepFrame>
  );
}
