// The reader's rule for a `(x)` marker: does it go on with the open subparagraphs (a
// sibling) or open a list one level down? `(i)` after `(h)` is the letter i unless the
// next marker is `(ii)`. Pure, so it is tested as a table of cases; structure.ts supplies
// the open units and the next marker.
import { letterValue, listRomanValue } from '../syntax/numerals';
import type { NumberStyle } from './types';

/** `sub`: a subparagraph beside the open one; `subsub`: a sub-subparagraph under it. */
export type PointLevel = 'sub' | 'subsub';

/** What the rule reads of an open unit. A `Unit` is one: no object is made per marker. */
export interface OpenPoint {
  style: NumberStyle;
  value?: number;
}

/**
 * The level of a point marker `label`, given the open subparagraph `sub`, the open
 * sub-subparagraph `subsub` under it and the label of the next `(x)` marker in the text.
 */
export function classifyPoint(label: string, sub: OpenPoint | undefined, subsub: OpenPoint | undefined, next: string | undefined): PointLevel {
  if (!sub) return 'sub';
  const asRoman = listRomanValue(label);
  const asLetter = letterValue(label);
  if (sub.style === 'roman') {
    // A list numbered (i), (ii) at the first level continues at that level.
    if (asRoman !== undefined && asRoman === (sub.value ?? 0) + 1) return 'sub';
    // (iii) after (i) is a gap in the roman list, not the letter iii one level down.
    if (asRoman !== undefined && label.length > 1) return 'sub';
    return asLetter !== undefined ? 'subsub' : 'sub';
  }
  const expectedRoman = subsub ? (subsub.value ?? 0) + 1 : 1;
  const expectedLetter = (sub.value ?? 0) + 1;
  const romanExact = asRoman !== undefined && asRoman === expectedRoman;
  const letterExact = asLetter !== undefined && asLetter === expectedLetter;
  if (romanExact && letterExact) {
    // Both readings continue a sequence (`(i)` after `(h)`): the next marker decides.
    const nextRoman = next !== undefined ? listRomanValue(next) : undefined;
    const nextLetter = next !== undefined ? letterValue(next) : undefined;
    if (nextRoman !== undefined && nextRoman === asRoman! + 1) return 'subsub';
    if (nextLetter !== undefined && nextLetter === asLetter! + 1) return 'sub';
    return subsub ? 'subsub' : 'sub';
  }
  if (romanExact) return 'subsub';
  if (letterExact) return 'sub';
  if (asLetter === undefined) return 'subsub';
  if (asRoman === undefined) return 'sub';
  // Neither continues its sequence: take the reading that is closer to what was expected
  // (`(ii)` after `(b)` is a sub-subparagraph missing its `(i)`, not the letter after `(hh)`).
  const romanGap = Math.abs(asRoman - expectedRoman);
  const letterGap = Math.abs(asLetter - expectedLetter);
  if (romanGap !== letterGap) return romanGap < letterGap ? 'subsub' : 'sub';
  return subsub ? 'subsub' : 'sub';
}

/**
 * Whether a subparagraph opened by `label` is numbered in roman numerals. A list that
 * opens with (i) goes on in roman numerals: (ii) after it is two, not the letter ii
 * (which made renumbering write (i), (b), and nest (iii) under it).
 */
export function isRomanSubparagraph(label: string, sub: OpenPoint | undefined): boolean {
  return sub ? sub.style === 'roman' && listRomanValue(label) !== undefined : label === 'i';
}
