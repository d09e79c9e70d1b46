import { explain } from "@/lib/sigv4/doctor";
import { BODY_LIMITS, BodyTooLargeError, readJsonBody } from "@/lib/http/body";
import { type DoctorRequest, DoctorRequestSchema } from "@/lib/sigv4/doctor/input-schema";

/**
 * The signature doctor for the /tools/signature-doctor page. Pure computation: no AWS call, nothing stored, the
 * secret (optional) is only an HMAC key and never appears in the response or a log.
 */
export const dynamic = "force-dynamic";

const json = (data: unknown, status = 200) => Response.json(data, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  let raw: unknown;
  try {
    raw = await readJsonBody(request, BODY_LIMITS.doctor);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return json({ error: err.message }, 413);
    return json({ error: "Send a JSON body: {text, secret?, errorBody?, region?, service?}." }, 400);
  }
  const parsed = DoctorRequestSchema.safeParse(raw);
  if (!parsed.success) {
    return json(
      { error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") },
      400,
    );
  }
  const input = Object.fromEntries(
    Object.entries(parsed.data).filter(([, v]) => v !== undefined && v !== ""),
  ) as DoctorRequest;
  if (!input.text && !input.url && !input.errorBody) {
    return json({ error: "Paste a request (URL, curl command or raw HTTP) or AWS's error body." }, 400);
  }
  try {
    return json(explain(input));
  } catch {
    // The doctor is pure and total on valid input; anything thrown is our bug, reported without the input.
    return json({ error: "The signature doctor could not read this input." }, 422);
  }
}
