/**
 * The live-preview HTTP server: 127.0.0.1 only, a fixed set of GET routes, and nothing else.
 *
 *   /            the preview page            /app.js, /app.css  its script and style
 *   /state       the latest render (JSON)    /events            server-sent "render" events
 *   /page/N.svg  page N of the latest good render (404 while the layout is broken)
 *   /files/…     a copy file or photo the page names, inside the project root
 *
 * Every other path is 404, other methods 405, a foreign Host header 403 (a page on another
 * site cannot read the preview through DNS rebinding). Malformed requests are answered and
 * the connection closed; no request can stop the server.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import { PaibanError } from "../common/diagnostics.js";
import { APP_CSS, APP_JS, INDEX_HTML } from "./client.js";
import { previewWork, stateJson, type Preview } from "./live.js";
import { resolveServed, type FileGate } from "./safe-path.js";
import { LiveSession, type Attempt } from "./session.js";

export const DEFAULT_PORT = 4711;
export const HOST = "127.0.0.1";
const MAX_HEADER_BYTES = 16 * 1024;
const HEARTBEAT_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  ".md": "text/plain; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".tif": "image/tiff",
  ".tiff": "image/tiff",
};

const BASE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'";

export interface ServeOptions {
  layout: string;
  port?: number;
  /** Files outside this folder are never served (default: the current folder). */
  root?: string;
  onAttempt?: (a: Attempt<Preview>) => void;
  debounceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  session: LiveSession<Preview>;
  close(): Promise<void>;
}

type Reply = (status: number, type: string, body: string | Buffer, extra?: Record<string, string>) => void;

function replier(req: IncomingMessage, res: ServerResponse): Reply {
  return (status, type, body, extra = {}) => {
    res.writeHead(status, { ...BASE_HEADERS, "Content-Type": type, "Content-Length": Buffer.byteLength(body), ...extra });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

const notFound = (reply: Reply) => reply(404, "text/plain; charset=utf-8", "not found\n");

class PreviewServer {
  private gate: FileGate = { root: "/", allowed: new Set(), urls: new Map() };
  private readonly clients = new Set<ServerResponse>();
  private port = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  readonly session: LiveSession<Preview>;
  readonly http: http.Server;

  constructor(private readonly opts: ServeOptions, private readonly root: string) {
    this.session = new LiveSession<Preview>({
      layout: opts.layout,
      work: (layout, fonts) => previewWork(layout, root, fonts),
      debounceMs: opts.debounceMs,
      onAttempt: (a) => this.attempted(a),
    });
    this.http = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => this.handle(req, res));
    this.http.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => this.clientError(err, socket));
  }

  private attempted(a: Attempt<Preview>): void {
    if (a.ok) this.gate = a.outcome.value.gate;
    this.opts.onAttempt?.(a);
    this.broadcast(`event: render\ndata: ${JSON.stringify({ version: a.version, ok: a.ok })}\n\n`);
  }

  private broadcast(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }

  private clientError(err: NodeJS.ErrnoException, socket: Socket): void {
    if (!socket.writable) return void socket.destroy();
    const status = err.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  private hostAllowed(host: string | undefined): boolean {
    return host === `${HOST}:${this.port}` || host === `localhost:${this.port}`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const reply = replier(req, res);
    this.route(req, res, reply).catch(() => {
      if (!res.headersSent) reply(500, "text/plain; charset=utf-8", "internal error\n");
      else res.destroy();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse, reply: Reply): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") return reply(405, "text/plain; charset=utf-8", "method not allowed\n", { Allow: "GET, HEAD" });
    if (!this.hostAllowed(req.headers.host)) return reply(403, "text/plain; charset=utf-8", "forbidden\n");
    const raw = (req.url ?? "").split("?")[0]!;
    if (!raw.startsWith("/")) return notFound(reply);
    if (raw === "/") return reply(200, "text/html; charset=utf-8", INDEX_HTML, { "Content-Security-Policy": PAGE_CSP });
    if (raw === "/app.js") return reply(200, "text/javascript; charset=utf-8", APP_JS);
    if (raw === "/app.css") return reply(200, "text/css; charset=utf-8", APP_CSS);
    if (raw === "/state") return reply(200, "application/json; charset=utf-8", JSON.stringify(stateJson(this.session.latest, this.root)));
    if (raw === "/events") return this.events(req, res);
    const page = /^\/page\/(\d{1,4})\.svg$/.exec(raw);
    if (page) return this.pageSvg(Number(page[1]), reply);
    if (raw.startsWith("/files/")) return this.file(raw.slice("/files/".length), req, res, reply);
    return notFound(reply);
  }

  private pageSvg(number: number, reply: Reply): void {
    const latest = this.session.latest;
    const found = latest?.ok ? latest.outcome.value.pages.find((p) => p.page.number === number) : undefined;
    if (!found) return notFound(reply);
    reply(200, "image/svg+xml", found.svg, { "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'" });
  }

  private async file(tail: string, req: IncomingMessage, res: ServerResponse, reply: Reply): Promise<void> {
    const real = await resolveServed(this.gate, tail);
    if (!real) return notFound(reply);
    const type = CONTENT_TYPES[path.extname(real).toLowerCase()] ?? "application/octet-stream";
    const stream = createReadStream(real);
    stream.once("error", () => (res.headersSent ? res.destroy() : notFound(reply)));
    stream.once("open", () => {
      res.writeHead(200, { ...BASE_HEADERS, "Content-Type": type, "Content-Security-Policy": "default-src 'none'" });
      if (req.method === "HEAD") return void (stream.destroy(), res.end());
      stream.pipe(res);
    });
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...BASE_HEADERS, "Content-Type": "text/event-stream; charset=utf-8", Connection: "keep-alive" });
    if (req.method === "HEAD") return void res.end();
    const v = this.session.latest?.version ?? 0;
    res.write(`retry: 500\nevent: render\ndata: ${JSON.stringify({ version: v })}\n\n`);
    this.clients.add(res);
    req.on("close", () => this.clients.delete(res));
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((ok, fail) => {
      const onError = (err: NodeJS.ErrnoException) => {
        fail(
          err.code === "EADDRINUSE"
            ? new PaibanError(`port ${port} on ${HOST} is in use; pass another with --port N (0 picks a free one)`)
            : new PaibanError(`cannot listen on ${HOST}:${port} (${err.code ?? err.message})`),
        );
      };
      this.http.once("error", onError);
      this.http.listen(port, HOST, () => {
        this.http.off("error", onError);
        ok();
      });
    });
    const address = this.http.address();
    this.port = typeof address === "object" && address ? address.port : port;
    this.heartbeat = setInterval(() => this.broadcast(": ping\n\n"), HEARTBEAT_MS);
    this.heartbeat.unref();
    return this.port;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
    await this.session.close();
    const closed = new Promise<void>((ok) => this.http.close(() => ok()));
    this.http.closeAllConnections();
    await closed;
  }
}

/** Render the layout, start watching it, and serve the preview on 127.0.0.1. */
export async function servePreview(opts: ServeOptions): Promise<RunningServer> {
  const port = opts.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PaibanError(`--port must be a whole number from 0 to 65535, got ${Number.isNaN(port) ? "something that is not a number" : String(port)}`, { exitCode: 2 });
  const root = path.resolve(opts.root ?? process.cwd());
  if (!(await stat(root).catch(() => null))?.isDirectory()) throw new PaibanError("--root is not a folder", { file: root, exitCode: 2 });
  const server = new PreviewServer(opts, root);
  const bound = await server.listen(port);
  await server.session.start();
  return { url: `http://${HOST}:${bound}/`, port: bound, session: server.session, close: () => server.close() };
}
