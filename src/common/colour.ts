/** Colour, shared by every stage that names one: the layout's colours, the display list, the backends. */

/** A process colour, each channel 0..100 (percent), as the print plant counts ink. */
export interface CmykColor {
  c: number;
  m: number;
  y: number;
  k: number;
}
