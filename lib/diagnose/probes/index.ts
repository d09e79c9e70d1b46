import type { Probe } from "../types";
import { accountProbe } from "./account";
import { dnsProbe } from "./dns";
import { domainProbe } from "./domain";
import { envProbe } from "./env";
import { eventsProbe } from "./events";
import { identityProbe } from "./identity";
import { inputProbe } from "./input";
import { permissionsProbe } from "./permissions";
import { recipientProbe } from "./recipient";
import { regionScanProbe, regionVerdictProbe, sandboxScanProbe } from "./region-scan";
import { smtpProbe } from "./smtp";
import { smtpPortsProbe } from "./smtp-ports";
import { productionAccessProbe } from "./production-access";
import { credentialChainProbe } from "./credential-chain";

/** Every probe; the runner derives the order from `needs`, so this list's order does not matter. */
export const PROBES: Probe[] = [
  inputProbe,
  identityProbe,
  accountProbe,
  domainProbe,
  regionScanProbe,
  regionVerdictProbe,
  sandboxScanProbe,
  permissionsProbe,
  envProbe,
  dnsProbe,
  smtpProbe,
  smtpPortsProbe,
  productionAccessProbe,
  credentialChainProbe,
  recipientProbe,
  eventsProbe,
];
