// Renumbering: every unit gets its expected number (its position in its sequence) and
// every reference number that resolved to a unit is rewritten to that unit's new number.
// Only number characters change; dangling and external references are left alone.
import { numberedSequences, formatNumber } from '../checks/numbering';
import type { Reference, Span, Treaty, Unit, UnitKind } from '../model/types';
import { analyse } from '../model/analyse';
import { keywordOf } from '../model/reftokens';
import { applyEdits, type TextEdit } from './textedit';

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

/** A dangling reference (or note heading) that renumbering would silently give a meaning. */
export interface CapturedReference {
  ref: Reference;
  /** What it names now that does not exist: `article 17`. */
  missing: string[];
}

/**
 * Dangling references that would name a unit once the plan is applied: after article 17 is
 * deleted, "article 17" is an error, but renumbering gives article 18 the number 17 and the
 * reference would cite it without a word. Renumbering leaves dangling references alone (it
 * cannot know what they meant), so it must say so before it hides them. Re-analyses the
 * renumbered text, only when there is a dangling reference at all.
 */
export function capturedDangling(treaty: Treaty, plan: RenumberPlan): CapturedReference[] {
  const dangling = treaty.references.filter((r) => r.kind === 'internal' && r.missing.length > 0);
  if (dangling.length === 0 || plan.edits.length === 0) return [];
  const after = analyse(applyEdits(treaty.text, plan.edits));
  const sorted = [...plan.edits].sort((a, b) => a.span.start - b.span.start);
  // delta[i]: how far the edits before sorted[i] move the text after them.
  const delta = [0];
  for (const e of sorted) delta.push(delta[delta.length - 1] + e.newText.length - (e.span.end - e.span.start));
  // Where an offset of the old text lands in the new one (edits never overlap a dangling
  // number): a binary search, so thousands of dangling references cost no more than linear.
  const shift = (offset: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].span.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + delta[lo];
  };
  const stillMissing = new Set<number>();
  const referenced = new Set<number>();
  for (const r of after.references) {
    for (const m of r.missing) stillMissing.add(m.span.start);
    for (const n of r.numbers) referenced.add(n.span.start);
  }
  const captured: CapturedReference[] = [];
  for (const ref of dangling) {
    const gained = ref.missing.filter((m) => {
      const at = shift(m.span.start);
      return referenced.has(at) && !stillMissing.has(at);
    });
    if (gained.length > 0) captured.push({ ref, missing: [...new Set(gained.map((m) => m.description))] });
  }
  return captured;
}

/** "2 dangling references to article 17 would then cite what is renumbered to it". */
export function capturedWarning(captured: CapturedReference[]): string {
  const targets = [...new Set(captured.flatMap((c) => c.missing))];
  const n = captured.length;
  return `${n} dangling reference${n === 1 ? '' : 's'} to ${targets.join(', ')} would then cite what is renumbered to ${targets.length === 1 ? 'it' : 'them'}`;
}

/**
 * Citations Treatymark could not read (`reference.unrecognised`) whose number is one this plan
 * changes: renumbering cannot update them, so it must not pass over them in silence. The
 * keyword gives the level (`para 3` → paragraphs), the first number or label the unit.
 */
export function unrecognisedAtRisk(treaty: Treaty, plan: RenumberPlan): Span[] {
  if (treaty.unrecognised.length === 0 || plan.numbers.size === 0) return [];
  const changed = new Set<string>();
  for (const u of plan.numbers.keys()) changed.add(`${levelOf(u.kind)} ${u.number.toLowerCase()}`);
  return treaty.unrecognised.filter((span) => {
    const text = treaty.text.slice(span.start, span.end);
    const word = /^[A-Za-z-]+/.exec(text)?.[0] ?? '';
    const level = keywordOf(word, 0, word.length);
    const label = /[0-9]+|\b[A-Za-z]{1,4}\b(?=\W*$)/.exec(text.slice(word.length))?.[0];
    return !!level && !!label && changed.has(`${level} ${label.toLowerCase()}`);
  });
}

/** "2 citations Treatymark cannot read (para 3, Article 5bis) may name what is renumbered". */
export function unrecognisedWarning(treaty: Treaty, spans: Span[]): string {
  const shown = spans.slice(0, 3).map((s) => treaty.text.slice(s.start, s.end));
  const more = spans.length > 3 ? ', …' : '';
  return `${spans.length} citation${spans.length === 1 ? '' : 's'} Treatymark cannot read (${shown.join(', ')}${more}) may name what is renumbered, and would not be updated`;
}

/** The reference keyword's level for a unit kind: `subsubparagraph` is cited as a subparagraph. */
function levelOf(kind: UnitKind): string {
  return kind === 'subsubparagraph' ? 'subparagraph' : kind;
}
