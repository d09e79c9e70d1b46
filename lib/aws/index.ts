import "server-only";

/** The one AWS door (docs/aws-facts.md): import from "@/lib/aws" everywhere outside this folder. */
export type { CallMeta, CallResult } from "./call";
export type { ServiceClient, StaticCredentials } from "./clients";
export { resolveDefaultChain } from "./default-chain";
export { type AwsWhere, AwsDoor, type CallLogEntry, type OutputOf, withDoor } from "./door";
export {
  awsFailureFinding,
  type DeniedRemedy,
  type FailureContext,
  failureBody,
  findingSentence,
  type SetupTask,
  type SetupWho,
} from "./failure-finding";
export { customEndpointFor, type EndpointConfig, endpointLabel, endpointsFromEnv, signingRegion } from "./endpoints";
export {
  AwsCallError,
  awsErrorOf,
  type ClassifiedError,
  classifyError,
  type ErrorKind,
  hasCode,
  isAccessDenied,
  isAuthFailure,
  isClockError,
  isNetworkFailure,
  isScopeRegionError,
  permissionFromMessage,
} from "./errors";
export { AWS_SERVICE_IDS, type AwsService, loadedSdks, type SdkOf } from "./services";
export {
  readVerification,
  type SesStatus,
  sesStatus,
  statusFromV1,
  statusFromV2,
  type VerificationReads,
} from "./identity-status";
