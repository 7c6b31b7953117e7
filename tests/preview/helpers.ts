/** Shared by the preview tests: a throw-away copy of the sample project, raw HTTP, waiting. */
import { cpSync, mkdtempSync, mkdirSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CLI = path.join(REPO, "dist/cli/main.js");

export interface SampleProject {
  dir: string;
  /** layouts/quxian.json inside dir (relative paths ../samples/quxian/… as in the repo). */
  layout: string;
  copy(name: string): string;
}

/** The sample layout, its copy and photo, copied to a fresh temp folder. */
export function sampleProject(prefix = "paiban-preview-"): SampleProject {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  mkdirSync(path.join(dir, "layouts"));
  mkdirSync(path.join(dir, "samples"));
  cpSync(path.join(REPO, "layouts/quxian.json"), path.join(dir, "layouts/quxian.json"));
  cpSync(path.join(REPO, "samples/quxian"), path.join(dir, "samples/quxian"), { recursive: true });
  return { dir, layout: path.join(dir, "layouts/quxian.json"), copy: (name) => path.join(dir, "samples/quxian", name) };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with the path sent exactly as given (no normalisation of "..", no re-encoding). */
export function request(port: number, rawPath: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((ok, fail) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: rawPath, method: opts.method ?? "GET", headers: { Host: `127.0.0.1:${port}`, ...opts.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", fail);
    req.end();
  });
}

/** Bytes written straight to the socket; resolves with whatever came back before close. */
export function rawSocket(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((ok) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", () => ok(Buffer.concat(chunks).toString("latin1")));
    socket.on("close", () => ok(Buffer.concat(chunks).toString("latin1")));
    socket.setTimeout(3000, () => socket.destroy());
    socket.write(bytes);
  });
}

export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, stepMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Copy that cannot fit anywhere on the page: the story becomes overset. */
export function longCopy(original: string): string {
  return `${original.trimEnd()}\n\n${("加长的段落内容，用来把稿件撑到溢出。".repeat(40) + "\n\n").repeat(3)}`;
}
