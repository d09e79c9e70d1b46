/** A key as typed into KeyFields (./key-fields.tsx); apart, so a form that shows the fields later needs not load them. */
export interface KeyInput {
  keyId: string;
  secret: string;
  token: string;
}
export const EMPTY_KEY: KeyInput = { keyId: "", secret: "", token: "" };
