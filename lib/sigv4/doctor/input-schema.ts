import { z } from "zod";

/**
 * What the signature doctor's HTTP endpoint accepts; limits keep a paste from becoming a memory problem. No secret:
 * the endpoint is for structural checks only, the page checks signatures in the browser.
 */
export const DOCTOR_MAX_TEXT = 256 * 1024;
const text = z.string().max(DOCTOR_MAX_TEXT);

export const DoctorRequestSchema = z.object({
  text: text.optional(),
  method: z
    .string()
    .max(16)
    .regex(/^[A-Za-z]*$/, "method must be letters")
    .optional(),
  url: text.optional(),
  headers: text.optional(),
  body: text.optional(),
  errorBody: text.optional(),
  region: z.string().max(32).optional(),
  service: z.string().max(32).optional(),
});
export type DoctorRequest = z.infer<typeof DoctorRequestSchema>;
