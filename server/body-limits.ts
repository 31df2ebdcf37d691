// Request bodies are bounded before anything reads them. A declared Content-Length over the route's limit is refused
// at once, without reading a byte; a body without one (chunked) is counted while it streams and the request is cut
// off past the bound. Within the bound the body is read here, whole, so that the Remix handler only ever sees a
// complete body of bounded size (docs/decisions/0008-request-limits.md).
import { Readable } from "node:stream";
import type { NextFunction, Request, Response } from "express";
import getRawBody from "raw-body";
import { BODY_LIMITS } from "../app/lib/limits";
import { MESSAGES, type MessageCode } from "../app/lib/messages";

export type BodyClass = keyof typeof BODY_LIMITS;

/** Time a refused client gets to read its answer before the connection is cut, if it keeps sending. */
const LINGER_MS = 1_000;

/** The class of a route, from its path; Remix's single-fetch data requests (`/login.data`) count as their page. */
export function bodyClassOf(pathname: string): BodyClass {
  const page = pathname.replace(/\.data$/, "").replace(/\/+$/, "");
  if (page === "/decomptes" || page === "/api/decomptes") return "decompteUpload";
  // The upload form, its streamed variant that reports the parse's progress (app/routes/inventaires_.televersement.ts),
  // and the integrations' upload.
  if (page === "/inventaires" || page === "/inventaires/televersement" || page === "/api/inventories") return "inventoryUpload";
  if (page === "/api" || page.startsWith("/api/")) return "json";
  return "form";
}

const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} Mo` : `${Math.round(bytes / 1024)} Ko`;

/** A refusal in the route's usual format: `{ code, message }` for the JSON API, plain French text elsewhere. */
export function refuseRequest(req: Request, res: Response, status: number, code: MessageCode, detail = "") {
  const message = MESSAGES[code] + detail;
  // The client may still be sending: answer, then stop reading; cut the connection if it does not stop by itself.
  res.setHeader("Connection", "close");
  res.once("finish", () => {
    if (req.complete) return;
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
  if (req.path === "/api" || req.path.startsWith("/api/")) res.status(status).json({ code, message });
  else res.status(status).type("text/plain; charset=utf-8").send(message);
}

/**
 * Reads the body of every request that has one, within its route's limit (413 beyond), and hands the Remix handler
 * a request whose stream replays those bytes.
 */
export function limitRequestBodies() {
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
    if (!hasBody || req.method === "GET" || req.method === "HEAD") return next();
    const limit = BODY_LIMITS[bodyClassOf(req.path)];
    getRawBody(req, { length: req.headers["content-length"], limit }, (error, body) => {
      if (!error) {
        res.locals.body = body;
        return next();
      }
      const type = (error as { type?: string }).type;
      if (type === "request.aborted") return; // the client went away: nobody to answer
      if (type === "entity.too.large") return refuseRequest(req, res, 413, "BODY_TOO_LARGE", ` Limite : ${sizeLabel(limit)}.`);
      refuseRequest(req, res, 400, "BODY_INVALID");
    });
  };
}

/** Bytes handed on per turn of the event loop, as a socket would deliver them. */
const REPLAY_CHUNK_BYTES = 64 * 1024;

// In slices, one per turn of the event loop: handed over in one piece, a 12 Mo upload made the multipart parser work
// for 100 ms without a break (and split a 45 Mo CSV into more tokens than its argument spread could take).
function replayStream(body: Buffer): Readable {
  let offset = 0;
  return new Readable({
    highWaterMark: REPLAY_CHUNK_BYTES,
    read() {
      if (offset >= body.length) return void this.push(null);
      const chunk = body.subarray(offset, offset + REPLAY_CHUNK_BYTES);
      offset += chunk.length;
      setImmediate(() => this.push(chunk));
    },
  });
}

/**
 * The request as the Remix express adapter reads it: everything from `req`, except that its stream (the only way
 * the adapter reads a body) replays the bytes read by limitRequestBodies.
 */
export function withBufferedBody(req: Request, res: Response): Request {
  const body = res.locals.body as Buffer | undefined;
  if (!body) return req;
  const replay = replayStream(body);
  const view = Object.create(req) as Request;
  const streamMethods = ["on", "once", "off", "addListener", "removeListener", "removeAllListeners", "emit", "pause", "resume", "isPaused", "read", "pipe", "unpipe", "destroy"] as const;
  for (const method of streamMethods) {
    Object.defineProperty(view, method, { value: (replay[method] as (...args: unknown[]) => unknown).bind(replay) });
  }
  for (const property of ["readable", "readableHighWaterMark", "readableFlowing", "readableEnded", "readableLength", "destroyed"] as const) {
    Object.defineProperty(view, property, { get: () => replay[property] });
  }
  return view;
}
