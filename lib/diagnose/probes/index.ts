import type { Probe } from "../types";
import { accountProbe } from "./account";
import { domainProbe } from "./domain";
import { identityProbe } from "./identity";
import { inputProbe } from "./input";
import { permissionsProbe } from "./permissions";
import { regionScanProbe, regionVerdictProbe } from "./region-scan";

/** Every probe; the runner derives the order from `needs`, so this list's order does not matter. */
export const PROBES: Probe[] = [
  inputProbe,
  identityProbe,
  accountProbe,
  domainProbe,
  regionScanProbe,
  regionVerdictProbe,
  permissionsProbe,
];
