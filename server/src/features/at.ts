// What stands at an offset of a treaty: a defined term (its definition or a use), a
// reference (and which of its numbers), a footnote, a heading or marker, or a word that
// interpretative notes are "with regard to". Binary searches over the model's lists.
import { isWithin } from '../model/notes';
import type { Definition, Footnote, NoteGroup, RefNumber, Reference, Span, TermUse, Treaty, Unit } from '../model/types';
import { unitAt } from '../model/units';

export type Hit =
  | { kind: 'definition'; definition: Definition; span: Span }
  | { kind: 'use'; use: TermUse; definition: Definition; span: Span }
  | { kind: 'reference'; ref: Reference; number?: RefNumber; span: Span }
  | { kind: 'footnoteRef'; footnote: Footnote; span: Span }
  | { kind: 'footnoteDef'; footnote: Footnote; span: Span }
  | { kind: 'unit'; unit: Unit; span: Span }
  | { kind: 'regarding'; groups: NoteGroup[]; term: string; span: Span };

interface Spanned<T> {
  span: Span;
  item: T;
}

interface Index {
  definitions: Spanned<Definition>[];
  uses: Spanned<TermUse>[];
  references: Spanned<Reference>[];
  footnoteRefs: Spanned<Footnote>[];
  footnoteDefs: Spanned<Footnote>[];
}

const indexes = new WeakMap<Treaty, Index>();

function indexOf(treaty: Treaty): Index {
  let index = indexes.get(treaty);
  if (index) return index;
  const sorted = <T>(list: Spanned<T>[]) => list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const footnoteRefs: Spanned<Footnote>[] = [];
  const footnoteDefs: Spanned<Footnote>[] = [];
  for (const f of treaty.footnotes.values()) {
    for (const r of f.refs) footnoteRefs.push({ span: r, item: f });
    if (f.labelSpan) footnoteDefs.push({ span: { start: f.labelSpan.start - 2, end: f.labelSpan.end + 1 }, item: f });
  }
  index = {
    definitions: sorted(treaty.definitions.map((d) => ({ span: d.span, item: d }))),
    uses: sorted(treaty.uses.map((u) => ({ span: u.span, item: u }))),
    references: sorted(treaty.references.map((r) => ({ span: r.span, item: r }))),
    footnoteRefs: sorted(footnoteRefs),
    footnoteDefs: sorted(footnoteDefs),
  };
  indexes.set(treaty, index);
  return index;
}

/** The last entry starting at or before `offset` that holds it (end inclusive, so a cursor just after a word counts). */
export function find<T>(list: Spanned<T>[], offset: number): Spanned<T> | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Neighbours may touch (`article 7` ends where the next begins); look back a little.
  for (let k = best; k >= 0 && k >= best - 8; k--) {
    const s = list[k].span;
    if (s.start <= offset && offset <= s.end) return list[k];
  }
  return undefined;
}

/** The spans of the term use, definition and reference that hold `offset` (those that do). */
export function termAndReferenceSpansAt(treaty: Treaty, offset: number): Span[] {
  const index = indexOf(treaty);
  return [find(index.uses, offset), find(index.definitions, offset), find(index.references, offset)].flatMap((hit) => (hit ? [hit.span] : []));
}

export function hitAt(treaty: Treaty, offset: number): Hit | undefined {
  if (!Number.isFinite(offset) || offset < 0 || offset > treaty.text.length) return undefined;
  const index = indexOf(treaty);
  const def = find(index.definitions, offset);
  if (def) return { kind: 'definition', definition: def.item, span: def.span };
  const ref = find(index.references, offset);
  const refNumber = ref ? numberAt(ref.item, offset) : undefined;
  const use = find(index.uses, offset);
  // A term inside a reference phrase (rare) wins where it stands, a number where it does.
  if (use && !refNumber) return { kind: 'use', use: use.item, definition: use.item.definition, span: use.span };
  if (ref) return { kind: 'reference', ref: ref.item, number: refNumber, span: ref.span };
  const fref = find(index.footnoteRefs, offset);
  if (fref) return { kind: 'footnoteRef', footnote: fref.item, span: fref.span };
  const fdef = find(index.footnoteDefs, offset);
  if (fdef) return { kind: 'footnoteDef', footnote: fdef.item, span: fdef.span };
  const regarding = regardingAt(treaty, offset);
  if (regarding) return regarding;
  const unit = anchorAt(treaty, offset);
  if (unit) return { kind: 'unit', unit, span: unit.anchorSpan };
  return undefined;
}

/** The number of a reference under the offset (`40` in `article 40, paragraph 21`). */
export function numberAt(ref: Reference, offset: number): RefNumber | undefined {
  return ref.numbers.find((n) => n.span.start <= offset && offset <= n.span.end);
}

/** The unit whose heading or marker holds the offset. */
function anchorAt(treaty: Treaty, offset: number): Unit | undefined {
  for (let u = unitAt(treaty.roots, offset); u; u = u.parent) {
    if (u.implicit) continue;
    if (u.anchorSpan.start <= offset && offset <= u.anchorSpan.end && u.anchorSpan.end > u.anchorSpan.start) return u;
  }
  return undefined;
}

/** `investigation` inside article 23, when notes are "with regard to the term "investigation"" of article 23. */
function regardingAt(treaty: Treaty, offset: number): Hit | undefined {
  const groups = treaty.noteGroups.filter((g) => g.regardingTerm && g.notes.length > 0);
  if (groups.length === 0) return undefined;
  const unit = unitAt(treaty.roots, offset);
  if (!unit) return undefined;
  const line = treaty.lines.lineAt(offset);
  const lineStart = treaty.lines.starts[line];
  const lineText = treaty.lines.lineText(line);
  const matching: NoteGroup[] = [];
  let span: Span | undefined;
  for (const g of groups) {
    const inTarget = g.targets.some((t) => isWithin(unit, t)) || isWithin(unit, g.unit);
    if (!inTarget) continue;
    const words = g.regardingTerm!.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${words}(?:s|es)?(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of lineText.matchAll(re)) {
      const start = lineStart + m.index!;
      const end = start + m[0].length;
      if (start <= offset && offset <= end) {
        matching.push(g);
        span = { start, end };
        break;
      }
    }
  }
  if (!span || matching.length === 0) return undefined;
  return { kind: 'regarding', groups: matching, term: matching[0].regardingTerm!, span };
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
