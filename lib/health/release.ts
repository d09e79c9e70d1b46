import { readFileSync } from "node:fs";
import path from "node:path";
import pkg from "@/package.json";

/**
 * What health+json reports as `version` (the package's version) and `releaseId` (the id of the web build serving
 * it, `.next/BUILD_ID`, so a monitor sees when a deployment changed). Read once per process.
 */
let releaseId: string | null | undefined;

export function release(): { version: string; releaseId?: string } {
  if (releaseId === undefined) {
    try {
      releaseId = readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim() || null;
    } catch {
      releaseId = null; // `next dev` and unit tests have no build
    }
  }
  return { version: pkg.version, ...(releaseId ? { releaseId } : {}) };
}
