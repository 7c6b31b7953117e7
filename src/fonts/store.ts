/**
 * FontStore: the fonts one pipeline run or one preview session has open — each file read and
 * parsed once, each face opened once, for the composer, the PDF writer and the preview alike.
 *
 * There is no font state at module level: whoever runs the pipeline owns a store (the one-shot
 * render, a warm Renderer, a live session, a worker thread) and hands it to the stages that
 * need faces. Closing a store closes only the files it opened, so another renderer or session
 * in the same process goes on undisturbed; a font file that changed on disk is read afresh by
 * a new store.
 */
import type * as fontkit from "fontkit";
import { loadFontkitFace, wrapFont, type Face } from "./face.js";
import { closeOutlineFile } from "./outlines.js";
import { parseFontFile, type ParsedFont } from "./parsed.js";
import type { FontFile } from "./types.js";

export class FontStore {
  private readonly parsed = new Map<string, ParsedFont | null>();
  /** Buffers read, whose outline files stay open until close(). */
  private readonly buffers: Buffer[] = [];
  private readonly faces = new Map<string, Face>();
  /** One Face per fontkit face, however it was asked for (a single font with or without its name). */
  private readonly byFontkitFace = new WeakMap<fontkit.Font, Face>();
  private closed = false;

  /**
   * The parsed font (or collection) of a file, read and parsed once per store; null for bytes
   * fontkit does not recognise. Throws FontFileError (src/fonts/parsed.ts).
   */
  parse(file: string): ParsedFont | null {
    const known = this.parsed.get(file);
    if (known !== undefined || this.parsed.has(file)) return known ?? null;
    if (this.closed) throw new Error(`a font was asked of a closed font store: ${file}`);
    const { font, bytes } = parseFontFile(file);
    this.buffers.push(bytes);
    this.parsed.set(file, font);
    return font;
  }

  /** The composer's face for a font file (and face of a collection). Throws PaibanError for a missing or unreadable file. */
  open(font: FontFile): Face {
    const key = `${font.file}#${font.face ?? ""}`;
    let face = this.faces.get(key);
    if (!face) {
      const fk = loadFontkitFace((file) => this.parse(file), font);
      face = this.byFontkitFace.get(fk);
      if (!face) this.byFontkitFace.set(fk, (face = wrapFont(font.file, fk)));
      this.faces.set(key, face);
    }
    return face;
  }

  /** Close the files this store keeps open; its faces must not be used after this. */
  close(): void {
    this.closed = true;
    for (const bytes of this.buffers) closeOutlineFile(bytes);
    this.buffers.length = 0;
    this.parsed.clear();
    this.faces.clear();
  }
}
