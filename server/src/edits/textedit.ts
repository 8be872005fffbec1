// Text edits in the core's terms (offsets), applied or converted at the edges.
import type { Span } from '../syntax/text';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** Apply non-overlapping edits to a text (any order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.span.start < pos) throw new Error(`overlapping edits at offset ${e.span.start}`);
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}
