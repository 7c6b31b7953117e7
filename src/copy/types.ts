/** The copy of one story as an editor hands it over, parsed from its file. */
export interface StoryCopy {
  /** Path of the copy file it came from (for messages). */
  file: string;
  kicker?: string;
  title?: string;
  subtitle?: string;
  /** e.g. "□ 本报记者 程颖". */
  byline?: string;
  /** Credit run in or set after the last line, e.g. "（万虹佑）" or "旷灵芝 李雪皑 摄". */
  credit?: string;
  /** Paragraphs in order, each one line of text with no line breaks. */
  paragraphs: string[];
}
