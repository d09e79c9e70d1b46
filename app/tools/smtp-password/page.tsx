import { PageHeader } from "@/components/shell/page-header";
import { SmtpPasswordTool } from "@/components/tools/smtp-password-tool";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui";
import { hasSes } from "@/lib/regions";

export const metadata = { title: "SES SMTP password — Sesame" };

export default async function SmtpPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ region?: string | string[] }>;
}) {
  const param = (await searchParams).region;
  const wanted = (Array.isArray(param) ? param[0] : param)?.trim().toLowerCase();
  const initialRegion = wanted && hasSes(wanted) ? wanted : "us-east-1";
  return (
    <>
      <PageHeader
        title="SES SMTP password"
        description="Convert an IAM secret access key into the Amazon SES SMTP password for a region."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <SmtpPasswordTool initialRegion={initialRegion} />
        <Card className="h-fit">
          <CardHeader>
            <CardTitle as="h2">Why a separate password?</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3 text-sm text-neutral-600">
            <p>
              SES's SMTP interface does not accept the IAM secret access key. It expects a password derived from it: a
              SigV4 key derivation (date 11111111, the region, service “ses”), an HMAC of “SendRawEmail”, a version
              byte, Base64. The console's “Create SMTP credentials” does the same.
            </p>
            <p>
              <strong className="font-medium text-neutral-800">Passwords are per region.</strong> A password made for
              us-east-1 fails with “535 Authentication Credentials Invalid” on eu-west-1's endpoint. Convert again for
              each region you send from.
            </p>
            <p>
              The user name is the access key ID itself. Passwords starting with “A” are the retired version 2 format
              and no longer work.
            </p>
            <p>
              On the command line:{" "}
              <code className="font-mono text-xs">npm run -s smtp-password -- --secret-env VAR REGION</code>
            </p>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
