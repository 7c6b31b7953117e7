/**
 * Colours for the screen: the display list's CMYK (percent) to sRGB, naively
 * (r = (1 − c)(1 − k), …). No profile: a preview shows where ink goes, not how it prints.
 */
import type { CmykColor } from "../display/types.js";

function channel(ink: number, k: number): number {
  const clamp = (v: number) => Math.min(100, Math.max(0, v)) / 100;
  return Math.round(255 * (1 - clamp(ink)) * (1 - clamp(k)));
}

/** CSS hex colour (#rrggbb) of a CMYK colour. */
export function cmykToCss(c: CmykColor): string {
  const hex = (v: number) => v.toString(16).padStart(2, "0");
  return `#${hex(channel(c.c, c.k))}${hex(channel(c.m, c.k))}${hex(channel(c.y, c.k))}`;
}

/** CSS hex colour of an RGB colour with channels 0..1. */
export function rgbToCss(c: { r: number; g: number; b: number }): string {
  const hex = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, "0");
  return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`;
}
