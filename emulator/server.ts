import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { parseAuth, type ParsedAuth, type RawRequest, safeDecode } from "../lib/sigv4";
import { handleAdmin } from "./admin";
import { authenticate, jsonAuthCode } from "./auth/authenticate";
import { globalContext } from "./auth/context";
import { modernDenial, sesV1Denial } from "./auth/authorize";
import { sesv2ActionFor } from "./auth/sesv2-actions";
import { newRequestId } from "./core/ids";
import { BodyTooLarge, readBody, send, sendJson } from "./core/http";
import { AwsError, type Principal, type QueryService, type RequestContext } from "./core/types";
import { errorXml, successXml } from "./core/xml";
import type { SigningService } from "./regions";
import { createIam, iamResourceFor, IAM_XMLNS } from "./services/iam";
import { createSts, STS_XMLNS } from "./services/sts";
import type { World } from "./state";

const SES_XMLNS = "http://ses.amazonaws.com/doc/2010-12-01/";
const VERSIONS: Record<SigningService, string> = { ses: "2010-12-01", iam: "2010-05-08", sts: "2011-06-15" };
/** SES v1 send actions authorize against the From identity; the SES side words those denials itself. */
const SES_SEND_ACTIONS = new Set([
  "SendEmail",
  "SendRawEmail",
  "SendTemplatedEmail",
  "SendBulkTemplatedEmail",
  "SendBounce",
  "SendCustomVerificationEmail",
]);

type Protocol = "query" | "rest";

/** Where a request goes, decided before authentication (needed for the error envelope and fault filters). */
interface Route {
  protocol: Protocol;
  service?: SigningService;
  xmlns: string;
  params: Record<string, string>;
}

const serviceTables = new WeakMap<World, { iam: QueryService; sts: QueryService }>();

/** The query services of a world; SES v1 is read each time because a reset replaces it. */
function services(world: World): Record<SigningService, QueryService> {
  let fixed = serviceTables.get(world);
  if (!fixed) {
    fixed = { iam: createIam(() => world.iam), sts: createSts() };
    serviceTables.set(world, fixed);
  }
  return { ses: world.ses.v1, ...fixed };
}

const scopeService = (name: string | undefined): SigningService | undefined =>
  name === "ses" || name === "email" ? "ses" : name === "iam" ? "iam" : name === "sts" ? "sts" : undefined;

function formParams(raw: RawRequest, body: Buffer, contentType: string): Record<string, string> {
  const params: Record<string, string> = {};
  const add = (text: string) => {
    for (const [k, v] of new URLSearchParams(text)) params[k] = v;
  };
  // query first, then the form body (the body wins, as it does on AWS for POST)
  add(raw.rawQuery);
  if (raw.method === "POST" && /application\/x-www-form-urlencoded/i.test(contentType)) add(body.toString("utf8"));
  return params;
}

function route(world: World, raw: RawRequest, body: Buffer, auth: ParsedAuth | undefined): Route {
  if (raw.rawPath === "/v2/email" || raw.rawPath.startsWith("/v2/email/")) {
    return { protocol: "rest", service: "ses", xmlns: SES_XMLNS, params: {} };
  }
  const params = formParams(raw, body, String(raw.headers["content-type"] ?? ""));
  const byScope = scopeService(auth?.service);
  const all = services(world);
  const byAction = (Object.keys(all) as SigningService[]).find((s) => params.Action && params.Action in all[s].actions);
  const service = byScope ?? byAction;
  const xmlns =
    service === "iam" ? IAM_XMLNS : service === "sts" ? STS_XMLNS : service === "ses" ? SES_XMLNS : STS_XMLNS;
  return { protocol: "query", service, xmlns, params };
}

function renderError(res: ServerResponse, r: Route, err: AwsError, requestId: string, now: Date): void {
  if (r.protocol === "rest") {
    const code = jsonAuthCode(err.code);
    sendJson(res, err.status, { message: err.message }, now, {
      "x-amzn-RequestId": requestId,
      "x-amzn-ErrorType": code,
    });
    return;
  }
  send(
    res,
    err.status,
    { "Content-Type": "text/xml", "x-amzn-RequestId": requestId },
    errorXml(r.xmlns, err.type, err.code, err.message, requestId),
    now,
  );
}

/** Turn anything a handler throws into an AwsError; unexpected bugs become InternalFailure, never a hang. */
function asAwsError(err: unknown, r: Route): AwsError {
  if (err instanceof AwsError) return err;
  if (err instanceof BodyTooLarge)
    return new AwsError(r.protocol === "rest" ? "BadRequestException" : "InvalidParameterValue", err.message, 413);
  console.error("[emulator] unexpected error:", err);
  return new AwsError(
    "InternalFailure",
    "The request processing has failed because of an unknown error, exception or failure.",
    500,
  );
}

export function createHttpServer(world: World, opts: { quiet?: boolean }): Server {
  const server = createServer((req, res) => {
    handle(world, req, res).catch((err) => {
      if (!opts.quiet) console.error("[emulator] request failed:", err);
      if (!res.headersSent) send(res, 500, { "Content-Type": "text/plain" }, "internal error", world.now());
    });
  });
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;
  return server;
}

async function handle(world: World, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? "" : url.slice(q + 1);

  if (rawPath === "/_emulator" || rawPath.startsWith("/_emulator/")) {
    await handleAdmin(world, req, res, rawPath, rawQuery);
    return;
  }

  const requestId = newRequestId();
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (err) {
    const r: Route = { protocol: rawPath.startsWith("/v2/email") ? "rest" : "query", xmlns: STS_XMLNS, params: {} };
    renderError(res, r, asAwsError(err, r), requestId, world.now());
    return;
  }
  const raw: RawRequest = {
    method: (req.method ?? "GET").toUpperCase(),
    rawPath,
    rawQuery,
    headers: req.headersDistinct as Record<string, string[]>,
    body,
  };
  const parsed = parseAuth(raw);
  const r = route(world, raw, body, parsed.ok ? parsed.auth : undefined);

  // Faults: AWS traffic only, filtered by service, before anything else answers.
  const latency = world.faults.latencyFor(r.service);
  if (latency > 0) await new Promise((done) => setTimeout(done, latency));
  const fault = world.faults.next(r.service);
  if (fault.kind === "drop") {
    req.socket.destroy();
    return;
  }
  if (fault.kind === "throttle") {
    const err =
      r.protocol === "rest"
        ? new AwsError("TooManyRequestsException", "Too Many Requests", 429)
        : new AwsError("Throttling", "Rate exceeded", 400);
    renderError(res, r, err, requestId, world.now());
    return;
  }
  if (fault.kind === "error") {
    const err =
      fault.status === 503
        ? new AwsError("ServiceUnavailable", "Service is unavailable. Please try again later.", 503)
        : new AwsError(
            "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.",
            500,
          );
    renderError(res, r, err, requestId, world.now());
    return;
  }

  try {
    const now = world.now();
    if (!parsed.ok) {
      throw new AwsError(parsed.code, parsed.message, parsed.code === "MissingAuthenticationToken" ? 403 : 400);
    }
    const auth = parsed.auth;
    const service = r.service;
    if (!service) {
      // A scope service nobody here serves and an Action nobody knows: nothing better to say than AWS's InvalidAction.
      throw new AwsError(
        "InvalidAction",
        `Could not find operation ${r.params.Action ?? ""} for version ${r.params.Version ?? ""}`,
        400,
      );
    }
    const acceptedNames = service === "ses" ? ["ses", "email"] : [service];
    const skewSeconds = world.config.clockSkewSeconds[service];
    await authenticate(raw, auth, { service, acceptedNames, skewSeconds }, now, (id) => world.iam.findKey(id)?.key);
    world.iam.recordKeyUse(auth.accessKeyId, service, auth.region);

    const principal = world.principalFor(auth.accessKeyId) as Principal;
    const ctx: RequestContext = {
      requestId,
      region: auth.region,
      principal,
      authz: world.authorizerFor(principal.userName, {
        ...globalContext(principal, { region: auth.region, sourceIp: req.socket.remoteAddress, now }),
        // SES's own key on every SES action: which API the request came through
        ...(service === "ses" ? { "ses:ApiVersion": r.protocol === "rest" ? "2" : "1" } : {}),
      }),
      now: world.now,
    };
    if (r.protocol === "rest") await dispatchRest(world, raw, body, ctx, res, r);
    else await dispatchQuery(world, service, r, ctx, res);
  } catch (err) {
    renderError(res, r, asAwsError(err, r), requestId, world.now());
  }
}

async function dispatchQuery(
  world: World,
  service: SigningService,
  r: Route,
  ctx: RequestContext,
  res: ServerResponse,
) {
  const svc = services(world)[service];
  const action = r.params.Action;
  if (!action) throw new AwsError("MissingAction", "Missing Action", 400);
  const version = r.params.Version;
  const handler = Object.hasOwn(svc.actions, action) ? svc.actions[action] : undefined;
  if (!handler || (version !== undefined && version !== VERSIONS[service])) {
    throw new AwsError(
      "InvalidAction",
      `Could not find operation ${action} for version ${version ?? VERSIONS[service]}`,
      400,
    );
  }
  if (!(service === "ses" && SES_SEND_ACTIONS.has(action))) {
    const iamAction = `${service}:${action}`;
    const resource = service === "iam" ? iamResourceFor(world.iam, action, r.params, ctx) : "*";
    const decision = ctx.authz.evaluate(iamAction, resource);
    if (decision !== "allowed") {
      const message =
        service === "ses"
          ? sesV1Denial(ctx.principal.arn, iamAction)
          : modernDenial(ctx.principal.arn, iamAction, resource, decision);
      throw new AwsError("AccessDenied", message, 403);
    }
  }
  const inner = await handler(r.params, ctx);
  // IAM actions without output have no <ActionResult> element on the wire.
  const withResult = !(service === "iam" && inner === "");
  send(
    res,
    200,
    { "Content-Type": "text/xml", "x-amzn-RequestId": ctx.requestId },
    successXml(svc.xmlns, action, inner, ctx.requestId, withResult),
    ctx.now(),
  );
}

async function dispatchRest(
  world: World,
  raw: RawRequest,
  body: Buffer,
  ctx: RequestContext,
  res: ServerResponse,
  r: Route,
) {
  const segments = raw.rawPath
    .slice("/v2/email".length)
    .split("/")
    .filter((s) => s !== "")
    .map(safeDecode);
  const restAction = sesv2ActionFor(raw.method, segments);
  if (restAction && !restAction.send) {
    const action = `ses:${restAction.action}`;
    const resource = restAction.identity
      ? `arn:aws:ses:${ctx.region}:${ctx.principal.accountId}:identity/${restAction.identity}`
      : "*";
    const decision = ctx.authz.evaluate(action, resource);
    if (decision !== "allowed") {
      throw new AwsError("AccessDeniedException", modernDenial(ctx.principal.arn, action, resource, decision), 403);
    }
  }
  let json: unknown;
  if (body.length > 0) {
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw new AwsError("BadRequestException", "The request body is not valid JSON.", 400);
    }
  }
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw.rawQuery)) query[k] = v;
  const out = await world.ses.v2(
    { method: raw.method, path: `/v2/email/${segments.join("/")}`, query, body: json },
    ctx,
  );
  const headers = { "x-amzn-RequestId": ctx.requestId };
  if (out.body === undefined) send(res, out.status, headers, "", ctx.now());
  else sendJson(res, out.status, out.body, ctx.now(), headers);
  void r;
}
