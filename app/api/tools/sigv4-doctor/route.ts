import { explain } from "@/lib/sigv4/doctor";
import { DOCTOR_MAX_TEXT, type DoctorRequest, DoctorRequestSchema } from "@/lib/sigv4/doctor/input-schema";

/**
 * The signature doctor for the /tools/signature-doctor page. Pure computation: no AWS call, nothing stored, the
 * secret (optional) is only an HMAC key and never appears in the response or a log.
 */
export const dynamic = "force-dynamic";

const MAX_BYTES = DOCTOR_MAX_TEXT;

const json = (data: unknown, status = 200) => Response.json(data, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BYTES * 2) return json({ error: "Request too large (limit 512 KB)." }, 413);
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
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
