import { KeyRound, Wrench } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui";

export const metadata = { title: "Tools — Sesame" };

const TOOLS = [
  {
    href: "/tools/smtp-password",
    icon: KeyRound,
    title: "SES SMTP password",
    description:
      "Turn an IAM secret access key into the SMTP password for a region. Computed in your browser; the secret never leaves the page.",
  },
  {
    href: "/tools/signature-doctor",
    icon: Wrench,
    title: "SigV4 signature doctor",
    description:
      "Paste a failing request (URL, curl, raw HTTP) or AWS's error: see the canonical request, the string to sign, and which rule it broke.",
  },
] as const;

export default function ToolsPage() {
  return (
    <>
      <PageHeader title="Tools" description="The two things people search for when SES authentication fails." />
      <div className="grid gap-4 md:grid-cols-2">
        {TOOLS.map((t) => (
          <Link key={t.href} href={t.href} className="group">
            <Card className="h-full transition-colors group-hover:border-neutral-300">
              <CardHeader>
                <CardTitle className="flex items-center gap-2">
                  <t.icon className="h-4 w-4 text-neutral-500" aria-hidden />
                  {t.title}
                </CardTitle>
                <CardDescription>{t.description}</CardDescription>
              </CardHeader>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
