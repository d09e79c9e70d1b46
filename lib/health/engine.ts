import "server-only";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { Diagnose } from "./service";

/** The diagnosis engine, behind one seam so the health service can be tested with a fake. */
export const runEngine: Diagnose = (input, opts) => runDiagnosis(input, opts);
