import { readVerification as readWithDoor, type VerificationReads } from "@/lib/aws";
import type { ProbeContext } from "./types";

export type { VerificationReads } from "@/lib/aws";

/** The engine's door to the one verification read in lib/aws (shared with the wizard's domain step). */
export function readVerification(ctx: ProbeContext, region: string, names: string[]): Promise<VerificationReads> {
  return readWithDoor(ctx.aws, region, names);
}
