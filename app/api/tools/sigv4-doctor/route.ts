import { BODY_LIMITS, BodyTooLargeError, readJsonBody } from "@/lib/http/body";
import { explain } from "@/lib/sigv4/doctor";
import { type DoctorRequest, DoctorRequestSchema } from "@/lib/sigv4/doctor/input-schema";
import { Sha256 } from "@/lib/sigv4/sha256";

/**
 * The signature doctor's structural checks over HTTP (scope, dates, signed headers, host, AWS's error body). It
 * takes no secret: a body carrying one is refused, without echoing it. The page at /tools/signature-doctor runs
 * the whole doctor, signature check included, in the browser; `sesame sigv4` runs it on the command line.
 */
export const dynamic = "force-dynamic";

const json = (data: unknown, status = 200) => Response.json(data, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request): Promise<Response> {
  let raw: unknown;
  try {
    raw = await readJsonBody(request, BODY_LIMITS.doctor);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return json({ error: err.message }, 413);
    return json({ error: "Send a JSON body: {text, errorBody?, region?, service?}." }, 400);
  }
  if (raw !== null && typeof raw === "object" && "secret" in raw) {
    return json(
      {
        error:
          "This endpoint takes no secret. Check the signature in your browser at /tools/signature-doctor, or on your machine with `sesame sigv4 --secret-env VAR`.",
      },
      400,
    );
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
    return json(await explain(Sha256, input));
  } catch {
    // The doctor is pure and total on valid input; anything thrown is our bug, reported without the input.
    return json({ error: "The signature doctor could not read this input." }, 422);
  }
}
