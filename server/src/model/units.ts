// Small queries over units shared by the model, checks, edits and the LSP layer.
import type { Unit, UnitKind } from './types';

export function ancestor(unit: Unit | undefined, kind: UnitKind): Unit | undefined {
  for (let u = unit; u; u = u.parent) if (u.kind === kind) return u;
  return undefined;
}

/** The deepest unit whose span holds `offset` (children are in document order). */
export function unitAt(roots: Unit[], offset: number): Unit | undefined {
  let found: Unit | undefined;
  let level = roots;
  for (;;) {
    const u = findIn(level, offset);
    if (!u) return found;
    found = u;
    level = u.children;
  }
}

function findIn(units: Unit[], offset: number): Unit | undefined {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = units[mid];
    if (offset < u.span.start) hi = mid - 1;
    else if (offset > u.span.end) lo = mid + 1;
    else return u;
  }
  return undefined;
}

const LEVEL_WORD: Partial<Record<UnitKind, string>> = {
  part: 'part',
  chapter: 'chapter',
  section: 'section',
  article: 'article',
  annex: 'annex',
  paragraph: 'paragraph',
  subparagraph: 'subparagraph',
  subsubparagraph: 'subparagraph',
  recital: 'preambular paragraph',
  note: 'interpretative note',
};

/** How a drafter names a unit: `article 17`, `article 2 (e) (ii)`, `paragraph 1 (a) of article 11`. */
export function describe(unit: Unit): string {
  if (unit.kind === 'preamble') return 'the preamble';
  if (unit.kind === 'notes') return 'the interpretative notes';
  if (unit.kind === 'noteGroup') return `the notes on ${unit.title ?? ''}`.trim();
  if (unit.kind === 'closing') return 'the closing formula';
  const article = ancestor(unit, 'article');
  if (unit.kind === 'subparagraph' || unit.kind === 'subsubparagraph' || (unit.kind === 'paragraph' && !unit.implicit)) {
    const points: string[] = [];
    let u: Unit | undefined = unit;
    while (u && (u.kind === 'subparagraph' || u.kind === 'subsubparagraph')) {
      points.unshift(`(${u.number})`);
      u = u.parent;
    }
    const para = u && u.kind === 'paragraph' && !u.implicit ? u : undefined;
    const where = article ? `article ${numberText(article)}` : '';
    if (para) return `${where ? `${where}, ` : ''}paragraph ${para.number}${points.length ? ' ' + points.join(' ') : ''}`;
    return `${where}${points.length ? ' ' + points.join(' ') : ''}`.trim();
  }
  if (unit.implicit && article) return `article ${numberText(article)}`;
  const word = LEVEL_WORD[unit.kind] ?? unit.kind;
  return unit.number ? `${word} ${unit.number}` : `${word} (unnumbered)`;
}

export function numberText(unit: Unit): string {
  return unit.number || '(unnumbered)';
}

/** The unit's text without markers, for hovers: its own text and, with `deep`, its children's. */
export function unitText(text: string, unit: Unit, deep: boolean): string {
  if (!deep) return text.slice(unit.textSpan.start, unit.textSpan.end);
  // A unit with no text of its own (a heading): everything after its heading or marker.
  const start = unit.textSpan.start === unit.textSpan.end ? unit.anchorSpan.end : unit.textSpan.start;
  return text.slice(Math.min(start, unit.span.end), unit.span.end);
}
