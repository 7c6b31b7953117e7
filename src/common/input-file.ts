/**
 * Reading a file paiban was given (a layout, a text to set, a PDF to preflight): only a regular
 * file, and only up to a stated size. /dev/zero, /dev/urandom or /dev/full would otherwise be
 * read until memory runs out, and a FIFO would hang the process; the file is opened without
 * blocking and looked at (fstat) before a byte is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";

/** Why a path is not a file paiban reads; `code` ENOENT/EISDIR/EACCES come from the system. */
export class InputFileError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

function mb(n: number): string {
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}

function check(st: { isFile(): boolean; isDirectory(): boolean; size: number }, maxBytes: number): void {
  if (st.isDirectory()) throw new InputFileError("this is a folder, not a file", "EISDIR");
  if (!st.isFile()) throw new InputFileError("this is a device, a pipe or a socket, not a regular file", "ENOTREG");
  if (st.size > maxBytes) throw new InputFileError(`the file is ${mb(st.size)}; paiban reads files of up to ${mb(maxBytes)} here`, "EFBIG");
}

/** The bytes of a regular file of at most `maxBytes`, or an InputFileError / the system's error. */
export async function readInputFile(file: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(file, FLAGS);
  try {
    const st = await handle.stat();
    check(st, maxBytes);
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < buf.length) {
      const { bytesRead } = await handle.read(buf, at, buf.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return buf.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/** readInputFile, synchronously (the typeset and fonts commands). */
export function readInputFileSync(file: string, maxBytes: number): Buffer {
  const fd = openSync(file, FLAGS);
  try {
    const st = fstatSync(fd);
    check(st, maxBytes);
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < buf.length) {
      const n = readSync(fd, buf, at, buf.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
