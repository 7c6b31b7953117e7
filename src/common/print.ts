/** The newsprint figures the renderer separates for and preflight checks against. */

/** Total ink (total area coverage) a newsprint press takes, percent. */
export const DEFAULT_INK_LIMIT = 240;

/** Lowest effective resolution of a photo in print, ppi. */
export const PRINT_MIN_PPI = 200;
