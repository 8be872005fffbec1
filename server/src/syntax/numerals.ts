// Numbering systems drafters use: arabic, roman (via the `romans` package),
// letters (a … z, then aa, bb …) and Latin suffixes for inserted articles (7 bis).
import { deromanize, romanize } from 'romans';

const ROMAN_SHAPE = /^[ivxlcdm]+$/i;

/** Value of a roman numeral in either case, or undefined if it is not one. */
export function romanValue(text: string): number | undefined {
  if (!ROMAN_SHAPE.test(text) || text.length > 15) return undefined;
  try {
    return deromanize(text.toUpperCase());
  } catch {
    return undefined;
  }
}

export function toRoman(value: number, lower = false): string {
  const roman = value >= 1 && value < 4000 ? romanize(value) : String(value);
  return lower ? roman.toLowerCase() : roman;
}

/** a = 1 … z = 26, aa = 27 … zz = 52, aaa = 53 … (the treaty convention, not spreadsheet columns). */
export function letterValue(text: string): number | undefined {
  if (!/^[a-z]+$/.test(text) || text.length > 4) return undefined;
  for (let i = 1; i < text.length; i++) if (text[i] !== text[0]) return undefined;
  return (text.length - 1) * 26 + (text.charCodeAt(0) - 96);
}

export function toLetters(value: number): string {
  const n = Math.max(1, Math.floor(value));
  const repeat = Math.floor((n - 1) / 26) + 1;
  return String.fromCharCode(96 + ((n - 1) % 26) + 1).repeat(repeat);
}

export const SUFFIXES = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies'];

export function isPlaceholderNumber(text: string): boolean {
  return /^(?:X|\[[^\]]*\]|_{2,}|…|\.\.\.)$/.test(text);
}

/**
 * Roman numerals as sub-subparagraph labels: only i, v and x occur in practice, so
 * (c), (d), (l) and (m) are always letters.
 */
export function listRomanValue(label: string): number | undefined {
  return /^[ivx]+$/.test(label) ? romanValue(label) : undefined;
}
