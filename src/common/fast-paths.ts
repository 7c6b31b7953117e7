/**
 * The seams where paiban can take a faster path through a third-party library's internals
 * (fontkit's glyph decoding, table cache and subsetter, pdfkit's compression through Node's
 * zlib, yargs' help layout). Each seam's default is the plain path — the library used as it
 * comes: correct, slower. src/pipeline/fast-paths.ts, the one module whose code touches those
 * internals, puts the fast paths in with one call, `installFastPaths()`, which every entry
 * point makes first (the command line and its snapshot, make-up workers, the test setup, the
 * benchmarks). With PAIBAN_NO_FAST_PATHS=1 it puts the plain paths back instead.
 *
 * The stages only call these seams; none of them knows which path is in.
 */
import { readFileSync } from "node:fs";

export interface FastPaths {
  /** The bytes of a font file for fontkit. Plain: the whole file. */
  readFontFile(file: string): Buffer;
  /** Told of every font fontkit parsed from readFontFile's bytes (not a collection). */
  parsedFont(font: object): void;
  /** Told of every face handed to the composer, the PDF writer or the preview. */
  face(font: object): void;
  /**
   * A second font object over the same bytes that applies substitutions only, for the
   * full-width forms; null: the face's own layout is used. Plain: null.
   */
  substitutionFont<F extends object>(font: F): F | null;
  /** Whether glyph advances may be read from the hmtx table in fontkit's buffer (src/fonts/sfnt.ts). Plain: false. */
  tableReads: boolean;
  /** Told of every pdfkit font subset when it is made. */
  subset(subset: unknown): void;
  /** Run `fn`, which writes a PDF, with pdfkit's streams deflated at `level`. Plain: pdfkit's own level. */
  deflate<T>(level: number, fn: () => Promise<T>): Promise<T>;
  /** Told of the command line's yargs instance before it parses. */
  commandLine(cli: object): void;
}

/** The plain paths: no library internals touched. */
export const PLAIN_PATHS: FastPaths = {
  readFontFile: (file) => readFileSync(file),
  parsedFont: () => {},
  face: () => {},
  substitutionFont: () => null,
  tableReads: false,
  subset: () => {},
  deflate: (_level, fn) => fn(),
  commandLine: () => {},
};

/** The paths in use (the plain ones until installFastPaths). */
export const fastPaths: FastPaths = { ...PLAIN_PATHS };

/** Whether the fast paths are wanted: yes, unless PAIBAN_NO_FAST_PATHS=1. */
export function fastPathsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PAIBAN_NO_FAST_PATHS !== "1";
}

/** Put in a set of paths (src/pipeline/fast-paths.ts does; tests may). */
export function usePaths(paths: FastPaths): void {
  Object.assign(fastPaths, paths);
}
