import { cleanPaste } from "./paste";
import { isKeyIdShaped } from "./shapes";
import { looksSecret } from "./mask";

/**
 * A secret-shaped value in a field that is not for secrets (key id, user name, region, domain …): the explanation
 * the wizard gives instead of storing or echoing it. Undefined when the value is fine for a non-secret field.
 */
export function swappedFieldProblem(field: string, value: string | undefined | null): string | undefined {
  if (!value || !looksSecret(value)) return undefined;
  const v = cleanPaste(value).value;
  if (isKeyIdShaped(v)) return undefined;
  return `The ${field} field holds something shaped like a secret (${v.length} characters), so the key id and the secret look swapped. Put the access key ID (AKIA… or ASIA…, 20 characters) in the key ID field and the 40-character secret access key in the secret field. Nothing was saved.`;
}
