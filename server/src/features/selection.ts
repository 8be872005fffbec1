// Expand selection (Shift+Alt+→ in VS Code): from a word to the whole defined term or
// reference it belongs to ("traffic data", "paragraph 3 of article 14"), then to the
// subparagraph, paragraph, article, chapter… that hold it. A double-click selects one word
// (VS Code's words never hold spaces); one more expansion selects the term.
import type { Span } from '../model/types';
import { unitAt } from '../model/units';
import type { LineRange } from '../syntax/text';
import { termAndReferenceSpansAt } from './at';
import type { View } from '../workspace/bundle';
import { uriKey } from '../workspace/uris';

/** Ranges around the offset `at` (in `treaty.text`), innermost first, each inside the next. */
export function selectionSpans(view: View, at: number): Span[] {
  const { treaty } = view;
  // The index hover and definition search too, not a scan of every use and reference.
  const spans = termAndReferenceSpansAt(treaty, at);
  for (let u = unitAt(treaty.roots, at); u; u = u.parent) spans.push(u.span);
  // Innermost first; drop repeats and any range that does not contain the one before it
  // (VS Code discards a chain whose parents do not contain their children).
  spans.sort((a, b) => b.start - a.start || a.end - b.end);
  const chain: Span[] = [];
  for (const s of spans) {
    const last = chain[chain.length - 1];
    if (last && (s.start > last.start || s.end < last.end || (s.start === last.start && s.end === last.end))) continue;
    chain.push(s);
  }
  return chain;
}

/** The chain as ranges in the current document of `uri`; ranges that do not map are left out. */
export function selectionRanges(view: View, uri: string, at: number): LineRange[] {
  const out: LineRange[] = [];
  for (const span of selectionSpans(view, at)) {
    const loc = view.locate(span);
    if (loc && uriKey(loc.uri) === uriKey(uri)) out.push(loc.range);
  }
  return out;
}
