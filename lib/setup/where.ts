import "server-only";
import { hasSes, isRegionShaped } from "@/lib/regions";
import type { TargetId } from "@/lib/diagnose/schema";
import { SetupError } from "./http";
import type { WizardState } from "./state";

/** A region the wizard may point the platform at: AWS-shaped and, on AWS itself, one where SES is offered. */
export function assertSesRegion(region: string, endpoint: string | undefined): void {
  if (!isRegionShaped(region))
    throw new SetupError(400, `"${region}" is not an AWS region name (like eu-west-1).`, { field: "region" });
  if (!endpoint && !hasSes(region))
    throw new SetupError(400, `Amazon SES is not offered in ${region}. Pick one of the regions in the list.`, {
      field: "region",
    });
}

/**
 * Point the wizard at a target, region and endpoint. A change invalidates what was checked and written for the old
 * ones (the check's verdict and the env file both depend on the region); sends keep their history and go stale.
 */
export function withWhere(s: WizardState, next: { target: TargetId; region: string; endpoint?: string }): WizardState {
  const changed = s.target !== next.target || s.region !== next.region || s.endpoint !== next.endpoint;
  s.target = next.target;
  s.region = next.region;
  s.endpoint = next.endpoint;
  if (changed) {
    s.check = undefined;
    s.env = undefined;
    s.envDownloadedAt = undefined;
  }
  return s;
}
