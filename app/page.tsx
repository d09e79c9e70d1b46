import { Activity, ArrowRight, KeyRound, Wand2, Wrench } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClass, Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui";

const START = [
  {
    href: "/setup",
    icon: Wand2,
    title: "Set up SES for your platform",
    text: "IAM user, credential check, env file, verified domain and a test send — Plunk, useSend, AWS SDK and SMTP apps.",
    cta: "Start setup",
  },
  {
    href: "/health",
    icon: Activity,
    title: "Check health",
    text: "Re-run the read-only checks against the deployed configuration; also as application/health+json.",
    cta: "Open health",
  },
] as const;

const TOOLS = [
  {
    href: "/tools/smtp-password",
    icon: KeyRound,
    title: "SMTP password",
    text: "IAM secret → SES SMTP password for any region.",
  },
  {
    href: "/tools/sigv4",
    icon: Wrench,
    title: "SigV4 doctor",
    text: "Why a signed request fails: canonical request and string to sign.",
  },
] as const;

export default function Home() {
  return (
    <>
      <PageHeader title="Sesame" description="Set up Amazon SES for your email platform, and keep it healthy." />
      <Card>
        <CardHeader>
          <CardTitle>Quick start</CardTitle>
          <CardDescription>From an AWS account to a platform that sends from your verified domain.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 md:grid-cols-2">
          {START.map((s) => (
            <div key={s.href} className="flex gap-3 rounded-lg border border-neutral-200 p-4">
              <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-md bg-neutral-100">
                <s.icon className="h-4 w-4 text-neutral-700" aria-hidden />
              </span>
              <div className="flex flex-col gap-2">
                <h3 className="text-sm font-semibold text-neutral-900">{s.title}</h3>
                <p className="text-sm text-neutral-500">{s.text}</p>
                <Link href={s.href} className={buttonClass("default", "sm", "w-fit")}>
                  {s.cta} <ArrowRight className="h-3.5 w-3.5" aria-hidden />
                </Link>
              </div>
            </div>
          ))}
        </CardContent>
      </Card>
      <h2 className="mt-8 mb-3 text-sm font-medium uppercase tracking-wider text-neutral-400">Tools</h2>
      <div className="grid gap-3 md:grid-cols-2">
        {TOOLS.map((t) => (
          <Link
            key={t.href}
            href={t.href}
            className="flex gap-3 rounded-lg border border-neutral-200 bg-white p-4 hover:bg-neutral-50"
          >
            <t.icon className="mt-0.5 h-4 w-4 text-neutral-500" aria-hidden />
            <span>
              <span className="block text-sm font-medium text-neutral-900">{t.title}</span>
              <span className="block text-sm text-neutral-500">{t.text}</span>
            </span>
          </Link>
        ))}
      </div>
    </>
  );
}
