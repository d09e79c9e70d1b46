import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { parseAuth, type ParsedAuth, type RawRequest, safeDecode } from "../lib/sigv4";
import { handleAdmin } from "./admin";
import { authenticate, jsonAuthCode } from "./auth/authenticate";
import { globalContext } from "./auth/context";
import { newRequestId } from "./core/ids";
import { BodyTooLarge, readBody, send, sendJson } from "./core/http";
import {
  authorizeOperation,
  findQueryOperation,
  findRestOperation,
  type QueryServiceTable,
  type RestServiceTable,
} from "./core/operations";
import { AwsError, type Principal, type RequestContext } from "./core/types";
import { errorXml, successXml } from "./core/xml";
import type { SigningService } from "./regions";
import { queryTables, restTables } from "./services/registry";
import { SIGNING_CERT_PATH } from "./services/sns/model";
import { SNS_SIGNING_CERT } from "./services/sns/signing";
import { STS_XMLNS } from "./services/sts";
import type { World } from "./state";

/** Where a request goes, decided once before authentication (also needed for the error envelope and fault filters). */
type Route =
  | { protocol: "rest-json"; table?: RestServiceTable; service?: SigningService }
  | { protocol: "query"; table?: QueryServiceTable; service?: SigningService; params: Record<string, string> };

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
  const rest = restTables(world).find((t) => raw.rawPath === t.prefix || raw.rawPath.startsWith(`${t.prefix}/`));
  if (rest) return { protocol: "rest-json", table: rest, service: rest.service };
  const params = formParams(raw, body, String(raw.headers["content-type"] ?? ""));
  const tables = queryTables(world);
  const byScope = auth ? tables.find((t) => t.signingNames.includes(auth.service)) : undefined;
  const byAction = params.Action ? tables.find((t) => findQueryOperation(t, params.Action)) : undefined;
  const table = byScope ?? byAction;
  return { protocol: "query", table, service: table?.service, params };
}

function renderError(res: ServerResponse, r: Route, err: AwsError, requestId: string, now: Date): void {
  if (r.protocol === "rest-json" && r.table?.xml) {
    send(
      res,
      err.status,
      { "Content-Type": "text/xml", "x-amzn-RequestId": requestId },
      errorXml(r.table.xml.xmlns, err.type, err.code, err.message, requestId),
      now,
    );
    return;
  }
  if (r.protocol === "rest-json") {
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
    // a request no service claims gets STS's namespace, as the old global endpoint answers
    errorXml(r.table?.xmlns ?? STS_XMLNS, err.type, err.code, err.message, requestId),
    now,
  );
}

/** Turn anything a handler throws into an AwsError; unexpected bugs become InternalFailure, never a hang. */
function asAwsError(err: unknown, r: Route): AwsError {
  if (err instanceof AwsError) return err;
  if (err instanceof BodyTooLarge)
    return new AwsError(r.protocol === "rest-json" ? "BadRequestException" : "InvalidParameterValue", err.message, 413);
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
  // SNS's SigningCertURL: the certificate a platform verifies message signatures with
  if (rawPath === SIGNING_CERT_PATH && (req.method === "GET" || req.method === "HEAD")) {
    send(res, 200, { "Content-Type": "application/x-x509-ca-cert" }, SNS_SIGNING_CERT, world.now());
    return;
  }

  const requestId = newRequestId();
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (err) {
    const rest = restTables(world).some((t) => rawPath.startsWith(t.prefix));
    const r: Route = rest ? { protocol: "rest-json" } : { protocol: "query", params: {} };
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
      r.protocol === "rest-json"
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
      // the links in SNS's messages (SubscribeURL, UnsubscribeURL) are plain GETs without a signature
      const anonymous =
        parsed.code === "MissingAuthenticationToken" && raw.method === "GET" && r.protocol === "query"
          ? r.table?.anonymous?.find((a) => a.action === r.params.Action)
          : undefined;
      if (anonymous && r.protocol === "query" && r.table) {
        const inner = anonymous.handler(r.params);
        send(
          res,
          200,
          { "Content-Type": "text/xml", "x-amzn-RequestId": requestId },
          successXml(r.table.xmlns, r.params.Action, inner, requestId, inner !== ""),
          now,
        );
        return;
      }
      throw new AwsError(parsed.code, parsed.message, parsed.code === "MissingAuthenticationToken" ? 403 : 400);
    }
    const auth = parsed.auth;
    const table = r.table;
    if (!table) {
      // A scope service nobody here serves and an Action nobody knows: nothing better to say than AWS's InvalidAction.
      const p = r.protocol === "query" ? r.params : {};
      throw new AwsError(
        "InvalidAction",
        `Could not find operation ${p.Action ?? ""} for version ${p.Version ?? ""}`,
        400,
      );
    }
    const service = table.service;
    const skewSeconds = world.config.clockSkewSeconds[service];
    await authenticate(raw, auth, { service, acceptedNames: table.signingNames, skewSeconds }, now, (id) =>
      world.iam.findCredential(id),
    );
    world.iam.recordKeyUse(auth.accessKeyId, service, auth.region);
    const principal = world.principalFor(auth.accessKeyId) as Principal;
    const ctx: RequestContext = {
      requestId,
      region: auth.region,
      principal,
      authz: world.authorizerFor(principal, {
        ...globalContext(principal, { region: auth.region, sourceIp: req.socket.remoteAddress, now }),
        // SES's own key on every SES action: which API the request came through
        ...(service === "ses" ? { "ses:ApiVersion": r.protocol === "rest-json" ? "2" : "1" } : {}),
      }),
      now: world.now,
    };
    if (r.protocol === "rest-json" && r.table) await dispatchRest(r.table, raw, body, ctx, res);
    else if (r.protocol === "query" && r.table) await dispatchQuery(r.table, r.params, ctx, res);
  } catch (err) {
    renderError(res, r, asAwsError(err, r), requestId, world.now());
  }
}

/** Find the operation, authorize it once, run its handler, wrap its XML in the query envelope. */
async function dispatchQuery(
  table: QueryServiceTable,
  params: Record<string, string>,
  ctx: RequestContext,
  res: ServerResponse,
) {
  const action = params.Action;
  if (!action) throw new AwsError("MissingAction", "Missing Action", 400);
  const version = params.Version;
  const op = findQueryOperation(table, action);
  if (!op || (version !== undefined && version !== table.version)) {
    throw new AwsError(
      "InvalidAction",
      `Could not find operation ${action} for version ${version ?? table.version}`,
      400,
    );
  }
  authorizeOperation(table, op, op.resource?.(params, ctx) ?? "*", ctx);
  const inner = await op.handler(params, ctx);
  const withResult = !(table.emptyResultElement === false && inner === "");
  send(
    res,
    200,
    { "Content-Type": "text/xml", "x-amzn-RequestId": ctx.requestId },
    successXml(table.xmlns, action, inner, ctx.requestId, withResult),
    ctx.now(),
  );
}

/** REST-JSON: match method + path once, authorize once, run the handler, render its JSON. */
async function dispatchRest(
  table: RestServiceTable,
  raw: RawRequest,
  body: Buffer,
  ctx: RequestContext,
  res: ServerResponse,
) {
  const segments = raw.rawPath
    .slice(table.prefix.length)
    .split("/")
    .filter((s) => s !== "")
    .map(safeDecode);
  const path = `${table.prefix}/${segments.join("/")}`;
  const found = findRestOperation(table, raw.method, segments);
  if (!found) throw table.unknown(raw.method, path);
  let json: unknown;
  if (table.xml) json = body.toString("utf8");
  else if (body.length > 0) {
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw new AwsError("BadRequestException", "The request body is not valid JSON.", 400);
    }
  }
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw.rawQuery)) query[k] = v;
  const req = { method: raw.method, path, query, body: json, params: found.params };
  authorizeOperation(table, found.op, found.op.resource?.(req, ctx) ?? "*", ctx);
  const out = await found.op.handler(req, ctx);
  const headers = { ...out.headers, "x-amzn-RequestId": ctx.requestId };
  if (out.body === undefined) send(res, out.status, headers, "", ctx.now());
  else if (table.xml) send(res, out.status, { ...headers, "Content-Type": "text/xml" }, String(out.body), ctx.now());
  else sendJson(res, out.status, out.body, ctx.now(), headers);
}
