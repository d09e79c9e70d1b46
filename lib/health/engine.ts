import "server-only";
import type { Diagnose } from "./service";

/** The diagnosis engine, behind one seam so the health service can be tested with a fake. */
export const runEngine: Diagnose = async () => {
  // placeholder until lib/diagnose/run.ts lands; a round then fails honestly instead of claiming health
  throw new Error("the diagnosis engine is not available in this build");
};
