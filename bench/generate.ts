// A treaty N times the size of the convention: its chapters and articles repeated, each copy
// renumbered (articles and chapters run on through the treaty) with every internal reference
// moved along, so the large document is as valid as the convention itself.
import { analyse } from '../server/src/model/analyse';
import { applyEdits, type TextEdit } from '../server/src/edits/textedit';
import { toRoman } from '../server/src/syntax/numerals';
import type { Treaty } from '../server/src/model/types';

export function generateTreaty(source: string, copies: number): string {
  const treaty = analyse(source);
  const bodyStart = treaty.chapters[0].span.start;
  const closing = treaty.units.find((u) => u.kind === 'closing');
  const bodyEnd = closing ? closing.span.start : treaty.text.length;
  const articles = treaty.articles.length;
  const chapters = treaty.chapters.length;
  const body = source.slice(bodyStart, bodyEnd);
  const parts = [source.slice(0, bodyStart)];
  for (let k = 0; k < copies; k++) {
    if (k === 0) {
      parts.push(body);
      continue;
    }
    const edits: TextEdit[] = [];
    const shift = (start: number, end: number, text: string) => {
      if (start >= bodyStart && end <= bodyEnd) edits.push({ span: { start: start - bodyStart, end: end - bodyStart }, newText: text });
    };
    for (const a of treaty.articles) if (a.numberSpan && a.value !== undefined) shift(a.numberSpan.start, a.numberSpan.end, String(a.value + k * articles));
    for (const c of treaty.chapters) if (c.numberSpan && c.value !== undefined) shift(c.numberSpan.start, c.numberSpan.end, toRoman(c.value + k * chapters));
    for (const ref of treaty.references) {
      for (const n of ref.numbers) {
        if (!n.unit || n.unit.value === undefined) continue;
        if (n.level === 'article') shift(n.span.start, n.span.end, String(n.unit.value + k * articles));
        if (n.level === 'chapter') shift(n.span.start, n.span.end, toRoman(n.unit.value + k * chapters));
      }
    }
    // One "Use of terms" for the whole treaty: the copies' global definitions lose their quotes.
    for (const d of treaty.definitions) {
      if (d.scope !== 'global') continue;
      shift(d.span.start - 1, d.span.start, '');
      shift(d.span.end, d.span.end + 1, '');
    }
    parts.push(applyEdits(body, edits));
  }
  parts.push(source.slice(bodyEnd));
  return parts.join('');
}

/** Where the benchmark types: just after the first word of the first paragraph with text of article 40. */
export function editPoint(treaty: Treaty): number {
  const article = treaty.articles.find((u) => u.value === 40 && !u.suffix);
  if (!article) throw new Error('no article 40');
  const stack = [article];
  while (stack.length) {
    const u = stack.shift()!;
    const own = treaty.text.slice(u.textSpan.start, u.textSpan.end);
    const space = own.indexOf(' ');
    if (space > 0 && own.trim().length > 20) return u.textSpan.start + space;
    stack.push(...u.children);
  }
  throw new Error('article 40 has no text');
}
