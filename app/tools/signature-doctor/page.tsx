import { PageHeader } from "@/components/shell/page-header";
import { SignatureDoctorTool } from "@/components/tools/signature-doctor-tool";

export const metadata = { title: "SigV4 signature doctor — Sesame" };

export default function SignatureDoctorPage() {
  return (
    <>
      <PageHeader
        title="SigV4 signature doctor"
        description="Why does AWS say SignatureDoesNotMatch? Paste the request: Sesame rebuilds the canonical request and names the rule it broke."
      />
      <SignatureDoctorTool />
    </>
  );
}
