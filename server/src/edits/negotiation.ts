// Settling negotiating text: choose an alternative (here or in every identical set),
// agree bracketed text, accept or reject tracked changes, and make a clean copy.
// Every edit replaces exactly the bracket set or CriticMarkup span it names.
import type { Span } from '../syntax/text';
import type { BracketGroup, CriticSpan } from '../syntax/tree';
import type { AlternativeSet, Treaty } from '../model/types';
import { applyEdits, type TextEdit } from './textedit';

/** The text inside a bracket group, without its brackets. */
function groupText(text: string, group: BracketGroup): string {
  return text.slice(group.open + 1, group.close);
}

export function optionTexts(text: string, set: AlternativeSet): string[] {
  return set.groups.map((g) => groupText(text, g));
}

/** Options compared up to case, white space and a leading article: "[a computer system]" ≈ "[Computer system]". */
export function normalizeOption(option: string): string {
  return option
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:a|an) /, '');
}

export function setKey(text: string, set: AlternativeSet): string {
  return optionTexts(text, set).map(normalizeOption).join('\u0000');
}

/** Sets identical to `set` (itself included), in document order. */
export function identicalSets(treaty: Treaty, set: AlternativeSet): AlternativeSet[] {
  const key = setKey(treaty.text, set);
  return treaty.alternatives.filter((s) => setKey(treaty.text, s) === key);
}

/** The set whose span holds `offset` (the innermost, when sets nest). */
export function setAt(treaty: Treaty, offset: number): AlternativeSet | undefined {
  let found: AlternativeSet | undefined;
  for (const s of treaty.alternatives) {
    if (s.span.start <= offset && offset <= s.span.end && (!found || s.span.end - s.span.start < found.span.end - found.span.start)) found = s;
  }
  return found;
}

/** Keep option `index` of `set`: the set becomes that option's text, with its own grammar. */
export function keepOption(text: string, set: AlternativeSet, index: number): TextEdit {
  return { span: { ...set.span }, newText: groupText(text, set.groups[index]) };
}

/** Keep option `index` in every set identical to `set`; each keeps its own wording of that option. */
export function keepOptionEverywhere(treaty: Treaty, set: AlternativeSet, index: number): TextEdit[] {
  const sets = identicalSets(treaty, set);
  // Nested identical sets would overlap; the outermost edit carries the inner text anyway.
  return outermost(sets).map((s) => keepOption(treaty.text, s, index));
}

/** "Agree text": a single bracket group loses its brackets. */
export function agreeGroup(group: BracketGroup): TextEdit[] {
  return [
    { span: { start: group.open, end: group.open + 1 }, newText: '' },
    { span: { start: group.close, end: group.close + 1 }, newText: '' },
  ];
}

export type ChangeDecision = 'accept' | 'reject';

/** The text a tracked change leaves when accepted or rejected. Comments and highlights lose their marks. */
export function resolvedText(text: string, change: CriticSpan, decision: ChangeDecision): string {
  const content = text.slice(change.content.start, change.content.end);
  switch (change.kind) {
    case 'insert':
      return decision === 'accept' ? content : '';
    case 'delete':
      return decision === 'accept' ? '' : content;
    case 'substitute': {
      if (change.separator === undefined) return decision === 'accept' ? '' : content;
      const old = text.slice(change.content.start, change.separator);
      const replacement = text.slice(change.separator + 2, change.content.end);
      return decision === 'accept' ? replacement : old;
    }
    case 'highlight':
      return content;
    case 'comment':
      return '';
  }
}

export function decideChange(text: string, change: CriticSpan, decision: ChangeDecision): TextEdit {
  return { span: { ...change.span }, newText: resolvedText(text, change, decision) };
}

/** Accept or reject every closed tracked change (insert, delete, substitute) inside `within`. */
export function decideAll(treaty: Treaty, decision: ChangeDecision, within?: Span): TextEdit[] {
  return treaty.changes.filter((c) => c.closed && inside(c.span, within)).map((c) => decideChange(treaty.text, c, decision));
}

export interface CleanOptions {
  /** Also remove every square bracket (alternatives stay side by side). */
  dropBrackets?: boolean;
}

/** A copy for circulation: changes accepted, comments and highlight marks removed. */
export function cleanCopy(treaty: Treaty, options: CleanOptions = {}): string {
  const edits: TextEdit[] = treaty.syntax.critic.filter((c) => c.closed).map((c) => decideChange(treaty.text, c, 'accept'));
  if (options.dropBrackets) {
    const covered = (at: number) => edits.some((e) => e.span.start <= at && at < e.span.end);
    for (const g of treaty.syntax.brackets) {
      if (g.close < 0) continue;
      // Brackets inside a change are settled with it.
      if (!covered(g.open) && !covered(g.close)) edits.push(...agreeGroup(g));
    }
  }
  return applyEdits(treaty.text, edits);
}

function inside(span: Span, within?: Span): boolean {
  return !within || (span.start >= within.start && span.end <= within.end);
}

function outermost(sets: AlternativeSet[]): AlternativeSet[] {
  return sets.filter((s) => !sets.some((o) => o !== s && o.span.start <= s.span.start && s.span.end <= o.span.end));
}
