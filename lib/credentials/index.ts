/** Credential shapes, paste cleaning, SMTP-password detection and the one masking rule. Node and browser. */
export { looksSecret, maskKeyId, maskSecret, maskValue, redact } from "./mask";
export { type CleanedPaste, cleanPaste } from "./paste";
export { isKeyIdShaped, isSecretShaped, KEY_ID_RE, keyIdKind, SECRET_RE, startsLikeKeyId } from "./shapes";
export { looksLikeSmtpPassword, smtpPasswordVersion } from "./smtp-password";
export { swappedFieldProblem } from "./swapped";
