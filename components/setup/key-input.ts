/** A key as typed into KeyFields (./key-fields.tsx); apart, so a form that shows the fields later needs not load them. */
export interface KeyInput {
  keyId: string;
  secret: string;
  token: string;
}
export const EMPTY_KEY: KeyInput = { keyId: "", secret: "", token: "" };

/** The key as the routes' credential fields (lib/setup/contract.ts `CredsSchema`): an empty session token is none. */
export function keyBody(k: KeyInput): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  return { accessKeyId: k.keyId, secretAccessKey: k.secret, sessionToken: k.token || undefined };
}
