/**
 * Which file a `/files/…` request may read: only a file the page being shown names (copy,
 * photo), inside the project root, reached without `..`, encoded slashes or a symlink that
 * leads out of the root. Anything else is "not found", never an error page that says why.
 */
import { realpath, stat } from "node:fs/promises";
import path from "node:path";

/** Raw (still percent-encoded) request path tail → decoded relative path, or null. */
export function decodeRelative(raw: string): string | null {
  if (/%(2f|5c|00)/i.test(raw)) return null; // encoded "/", "\" or NUL: a path smuggled past the splitter
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!decoded || decoded.includes("\0") || decoded.includes("\\")) return null;
  if (decoded.startsWith("/") || path.isAbsolute(decoded) || /^[a-z]:/i.test(decoded)) return null;
  const segments = decoded.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return null;
  return decoded;
}

/** Whether `child` lies strictly inside `root` (both absolute, normalised). */
export function inside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

export interface FileGate {
  /** Real path of the project root. */
  root: string;
  /** Real paths of the files that may be served. */
  allowed: Set<string>;
  /** The page's link (/files/…) for each servable file, by the path the layout resolved. */
  urls: Map<string, string>;
}

/** Real paths of `files` that exist and lie inside the (real) root. */
export async function gateFor(root: string, files: string[]): Promise<FileGate> {
  const realRoot = await realpath(root);
  const allowed = new Set<string>();
  const urls = new Map<string, string>();
  for (const f of files) {
    try {
      const real = await realpath(f);
      if (!inside(realRoot, real)) continue;
      allowed.add(real);
      urls.set(f, `/files/${path.relative(realRoot, real).split(path.sep).map(encodeURIComponent).join("/")}`);
    } catch {
      // a missing file is simply not served
    }
  }
  return { root: realRoot, allowed, urls };
}

/** The real path to serve for a raw request tail, or null (→ 404). */
export async function resolveServed(gate: FileGate, raw: string): Promise<string | null> {
  const rel = decodeRelative(raw);
  if (!rel) return null;
  const joined = path.resolve(gate.root, rel);
  if (!inside(gate.root, joined)) return null;
  let real: string;
  try {
    real = await realpath(joined);
    if (!(await stat(real)).isFile()) return null;
  } catch {
    return null;
  }
  if (!inside(gate.root, real) || !gate.allowed.has(real)) return null;
  return real;
}
