// Renumbering: every unit gets its expected number (its position in its sequence) and
// every reference number that resolved to a unit is rewritten to that unit's new number.
// Only number characters change; dangling and external references are left alone.
import { numberedSequences, formatNumber } from '../checks/numbering';
import type { Reference, Treaty, Unit, UnitKind } from '../model/types';
import type { TextEdit } from './textedit';

export interface RenumberScope {
  /** Only this level (e.g. 'paragraph'); all levels when omitted. */
  level?: UnitKind;
  /** Only the sequence held by this unit (the article whose paragraphs to renumber). */
  holder?: Unit;
}

export interface RenumberPlan {
  /** New number of each unit whose number changes. */
  numbers: Map<Unit, string>;
  /** Edits to this treaty's text: headings, markers and references. */
  edits: TextEdit[];
  /** References whose text changes. */
  references: Reference[];
  /** "Renumber articles 8–69 and update 97 references". */
  title: string;
}

export function planRenumbering(treaty: Treaty, scope: RenumberScope = {}): RenumberPlan {
  const numbers = new Map<Unit, string>();
  const edits: TextEdit[] = [];
  const changedByKind = new Map<string, number[]>();
  for (const seq of numberedSequences(treaty)) {
    if (scope.level && !sameLevel(seq.kind, scope.level)) continue;
    if (scope.holder && !seq.units.some((u) => u.parent === scope.holder)) continue;
    let position = 0;
    for (const u of seq.units) {
      // Unnumbered preambular paragraphs are a style, not a gap.
      if (u.kind === 'recital' && !u.number) continue;
      position++;
      const next = formatNumber(u.kind, u.style === 'none' ? defaultStyle(u) : u.style, position);
      if (u.number === next) continue;
      numbers.set(u, next);
      if (u.numberSpan) edits.push({ span: u.numberSpan, newText: next });
      else if (u.numberInsertAt !== undefined) edits.push({ span: { start: u.numberInsertAt, end: u.numberInsertAt }, newText: ` ${next}` });
      const key = seq.kind === 'subsubparagraph' ? 'subparagraph' : seq.kind;
      // Pushed in place: copying the list per unit made renumbering quadratic.
      const positions = changedByKind.get(key);
      if (positions) positions.push(position);
      else changedByKind.set(key, [position]);
    }
  }
  const touched = referenceEdits(treaty.references, numbers, edits);
  return { numbers, edits, references: touched, title: title(changedByKind, touched.length) };
}

/**
 * Rewrite the numbers of `references` that name renumbered units. Used for this treaty and
 * for other files whose references resolve into it (notes files, treaties citing it).
 */
export function referenceEdits(references: Reference[], numbers: Map<Unit, string>, edits: TextEdit[], resolveUnit?: (unit: Unit) => Unit): Reference[] {
  const touched: Reference[] = [];
  for (const ref of references) {
    let changed = false;
    for (const n of ref.numbers) {
      const unit = n.unit && resolveUnit ? resolveUnit(n.unit) : n.unit;
      if (!unit) continue;
      const next = numbers.get(unit);
      if (next === undefined || next === n.text) continue;
      edits.push({ span: n.span, newText: next });
      changed = true;
    }
    if (changed) touched.push(ref);
  }
  return touched;
}

function sameLevel(kind: UnitKind, level: UnitKind): boolean {
  if (level === 'subparagraph' || level === 'subsubparagraph') return kind === 'subparagraph' || kind === 'subsubparagraph';
  return kind === level;
}

function defaultStyle(u: Unit): Unit['style'] {
  if (u.kind === 'chapter' || u.kind === 'part') return 'ROMAN';
  if (u.kind === 'subparagraph') return 'letter';
  if (u.kind === 'subsubparagraph') return 'roman';
  return 'arabic';
}

const LEVEL_NAMES: Record<string, [string, string]> = {
  part: ['part', 'parts'],
  chapter: ['chapter', 'chapters'],
  section: ['section', 'sections'],
  article: ['article', 'articles'],
  paragraph: ['paragraph', 'paragraphs'],
  subparagraph: ['subparagraph', 'subparagraphs'],
  recital: ['preambular paragraph', 'preambular paragraphs'],
  note: ['note', 'notes'],
};

function title(changed: Map<string, number[]>, references: number): string {
  const order = ['part', 'chapter', 'section', 'article', 'paragraph', 'subparagraph', 'recital', 'note'];
  const parts: string[] = [];
  for (const kind of order) {
    const positions = changed.get(kind);
    if (!positions) continue;
    const [one, many] = LEVEL_NAMES[kind];
    if (kind === 'article' || kind === 'chapter' || kind === 'part') {
      // A loop, not Math.min(...positions): spreading 100 000 numbers overflows the stack.
      let lo = positions[0];
      let hi = positions[0];
      for (const p of positions) {
        if (p < lo) lo = p;
        if (p > hi) hi = p;
      }
      parts.push(lo === hi ? `${one} ${lo}` : `${many} ${lo}–${hi}`);
    } else {
      parts.push(positions.length === 1 ? `1 ${one}` : `${positions.length} ${many}`);
    }
  }
  if (parts.length === 0) return 'Numbering is already in sequence';
  const what = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return references > 0 ? `Renumber ${what} and update ${references} reference${references === 1 ? '' : 's'}` : `Renumber ${what}`;
}
