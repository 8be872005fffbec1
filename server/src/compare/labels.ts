// How a comparison names things: article numbers as printed, paragraphs as drafters cite
// them ("2 (b) (ii)"), the chapter an article stands in, and where a change falls.
import type { Unit } from '../model/types';
import type { ArticleRow, Comparison, UnitRow } from './compare';
import { isNote, plainText, type Op } from './words';

/** An article's number as printed; an unnumbered one says so. */
export function articleNumber(u: Unit): string {
  return u.number || '(unnumbered)';
}

/** "2 (b) (ii)" inside its article; the unnumbered paragraph under a heading is "(text)", and is left out of its subparagraphs' labels. */
export function paragraphLabel(u: Unit): string {
  const parts: string[] = [];
  for (let p: Unit | undefined = u; p && p.kind !== 'article'; p = p.parent) {
    if (p.implicit) {
      if (p === u) parts.unshift('(text)');
      continue;
    }
    parts.unshift(p.kind === 'paragraph' ? p.number : `(${p.number})`);
  }
  return parts.join(' ');
}

/** "Chapter II", "Part 1, Chapter III": where an article stands. */
export function placeOf(u: Unit): string | undefined {
  const parts: string[] = [];
  for (let p = u.parent; p; p = p.parent) {
    if (p.kind === 'part' || p.kind === 'chapter' || p.kind === 'section' || p.kind === 'annex') parts.unshift(`${p.kind.charAt(0).toUpperCase()}${p.kind.slice(1)}${p.number ? ` ${p.number}` : ''}`);
  }
  return parts.length ? parts.join(', ') : undefined;
}

/** The deepest paragraph or subparagraph of `article` holding `offset`, or the article. */
export function unitAt(article: Unit, offset: number): Unit {
  let at = article;
  for (;;) {
    const child = at.children.find((c) => c.span.start <= offset && offset < c.span.end);
    if (!child) return at;
    at = child;
  }
}

/** "changed, renumbered, moved". */
export function statusWords(row: UnitRow): string {
  return [row.status, row.renumbered ? 'renumbered' : '', row.moved ? 'moved' : ''].filter(Boolean).join(', ');
}

export interface WordChange {
  /** Where it falls: "title", "2 (b)", or "" for the article's own text. */
  at: string;
  old: string | null;
  new: string | null;
}

/** The word changes of a matched article, annotations left out; a renumbered reference is not a change. */
export function wordChanges(c: Comparison, row: ArticleRow): WordChange[] {
  const out: WordChange[] = [];
  for (const op of row.ops) {
    if (op.type !== 'change' || !op.old.concat(op.new).some((t) => !isNote(t))) continue;
    const oldText = plainText(c.old.treaty.text, op.old);
    const newText = plainText(c.new.treaty.text, op.new);
    if (!oldText && !newText) continue;
    out.push({ at: changeAt(c, row, op), old: oldText || null, new: newText || null });
  }
  return out;
}

/** Where a change of a matched article falls: "title", "heading", "2 (b)", or "". */
export function changeAt(c: Comparison, row: ArticleRow, op: Op): string {
  const side = op.new.length ? 'new' : 'old';
  const unit = row[side]!;
  const t = side === 'new' ? op.new[0] : op.old[0];
  const lines = c[side].treaty.lines;
  const headingEnd = lines.ends[lines.positionAt(unit.span.start).line];
  if (t.start < headingEnd) return unit.titleSpan && t.start >= unit.titleSpan.start ? 'title' : 'heading';
  const at = unitAt(unit, t.start);
  return at === unit ? '' : paragraphLabel(at);
}

/** 1-based line of a unit's heading or marker. */
export function lineOf(c: Comparison, side: 'old' | 'new', u: Unit): number {
  return c[side].treaty.lines.positionAt(u.anchorSpan.start).line + 1;
}
