/**
 * Masking for evidence: the one rule of lib/credentials (no character of a secret-shaped value is ever shown).
 * Evidence is shown in the UI, printed by the CLI and served by the health endpoint.
 */
export { maskKeyId, redact } from "@/lib/credentials";
