import { PageHeader } from "@/components/shell/page-header";
import { SignatureDoctorTool } from "@/components/tools/signature-doctor-tool";

export const metadata = { title: "SigV4 signature doctor — Sesame" };

type Params = Promise<{ region?: string | string[]; service?: string | string[] }>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** ?region= and ?service= pre-fill the expected scope (findings about custom endpoints link here with them). */
export default async function SignatureDoctorPage({ searchParams }: { searchParams: Params }) {
  const params = await searchParams;
  const region = first(params.region).trim().toLowerCase();
  const service = first(params.service).trim().toLowerCase();
  return (
    <>
      <PageHeader
        title="SigV4 signature doctor"
        description="Why does AWS say SignatureDoesNotMatch? Paste the request: Sesame rebuilds the canonical request and names the rule it broke."
      />
      <SignatureDoctorTool
        initialRegion={/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region) ? region : ""}
        initialService={/^[a-z0-9-]{1,32}$/.test(service) ? service : ""}
      />
    </>
  );
}
