"use client";

import { useId } from "react";
import { Alert, Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui";
import { ContextFields, DiagnoseButton, RequestFields } from "./signature-doctor/form";
import { ModeTabs } from "./signature-doctor/parts";
import { DoctorReportView } from "./signature-doctor/report";
import { useSignatureDoctor } from "./signature-doctor/use-signature-doctor";

/** The signature doctor form; the analysis runs in the page (lib/sigv4, shared with the emulator's verifier). */
export function SignatureDoctorTool({
  initialRegion = "",
  initialService = "",
}: {
  initialRegion?: string;
  initialService?: string;
}) {
  const id = useId();
  const doctor = useSignatureDoctor(initialRegion, initialService);
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Request</CardTitle>
          <CardDescription>
            A URL (presigned or not), a curl command, a raw HTTP request (or `curl -v` output), or AWS's error body — or
            the request's method, URL, headers and body in separate fields.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={doctor.diagnose} className="flex flex-col gap-4">
            <ModeTabs id={id} mode={doctor.mode} onChange={doctor.setMode} />
            <div
              id={`${id}-panel`}
              role="tabpanel"
              aria-labelledby={`${id}-tab-${doctor.mode}`}
              className="flex flex-col gap-4"
            >
              <RequestFields id={id} doctor={doctor} />
            </div>
            <ContextFields id={id} doctor={doctor} />
            <DiagnoseButton doctor={doctor} />
          </form>
        </CardContent>
      </Card>

      {doctor.error ? (
        <Alert variant="error" title="Could not diagnose">
          {doctor.error}
        </Alert>
      ) : null}

      {doctor.report ? <DoctorReportView id={id} report={doctor.report} /> : null}
    </div>
  );
}
