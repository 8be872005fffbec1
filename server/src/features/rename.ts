// Renaming a defined term: its definition and every use change, each keeping the
// capitalisation and the plural it was written with.
import { termKey } from '../model/definitions';
import type { Definition, Span } from '../model/types';
import { hitAt } from './at';
import type { Location, View } from '../workspace/bundle';

interface RenameTarget {
  definition: Definition;
  /** Treaty span of the occurrence under the cursor. */
  span: Span;
  /** The occurrence as written (what the editor pre-fills). */
  placeholder: string;
}

export function renameTarget(view: View, offset: number): RenameTarget | undefined {
  const hit = hitAt(view.treaty, offset);
  if (!hit || (hit.kind !== 'use' && hit.kind !== 'definition')) return undefined;
  const d = hit.definition;
  // `"[Computer system] [ICT device]"`: a pending choice is made by editing the brackets, not by renaming.
  if (d.alternativeOf) return undefined;
  return { definition: d, span: hit.span, placeholder: view.treaty.text.slice(hit.span.start, hit.span.end) };
}

interface RenameEdit {
  location: Location;
  newText: string;
}

type RenameResult = { edits: RenameEdit[] } | { error: string };

export function renameEdits(view: View, offset: number, newName: string): RenameResult {
  const target = renameTarget(view, offset);
  if (!target) return { error: 'Only a defined term can be renamed: put the cursor on its definition or on one of its uses.' };
  const name = newName.trim().replace(/\s+/g, ' ');
  if (!name) return { error: 'The new name is empty.' };
  if (/["“”\[\]\r\n]/.test(name)) return { error: 'A term cannot contain quotes, square brackets or line breaks.' };
  if (!/[\p{L}\p{N}]/u.test(name)) return { error: 'A term needs at least one letter or digit.' };
  const d = target.definition;
  const key = termKey(name);
  const clash = view.treaty.definitions.find((o) => o.key === key && o.group !== d.group && sameScope(o, d));
  if (clash) return { error: `"${clash.term}" is already defined with this scope.` };
  const neutral = neutralForm(name, target.placeholder);
  const edits: RenameEdit[] = [];
  const add = (span: Span) => {
    const written = view.treaty.text.slice(span.start, span.end);
    const location = view.locate(span);
    if (location) edits.push({ location, newText: adaptName(neutral, written, d.term) });
  };
  add(d.span);
  for (const u of d.uses) add(u.span);
  return { edits };
}

function sameScope(a: Definition, b: Definition): boolean {
  if (a.scope === 'global' || b.scope === 'global') return a.scope === b.scope || !a.scopeUnit || !b.scopeUnit;
  return a.scopeUnit === b.scopeUnit;
}

type CasePattern = 'lower' | 'capital' | 'upper' | 'title' | 'other';

export function casePattern(written: string): CasePattern {
  const letters = written.replace(/[^\p{L}]/gu, '');
  if (!letters) return 'other';
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 'upper';
  const words = written.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length > 1 && words.every((w) => /^\P{L}*\p{Lu}/u.test(w))) return 'title';
  if (/^\P{L}*\p{Lu}/u.test(written)) return 'capital';
  if (/^\P{L}*\p{Ll}/u.test(written)) return 'lower';
  return 'other';
}

/**
 * The new name as typed, with the capitalisation the cursor's occurrence gave it taken
 * back out: typing "Communication metadata" over "Traffic data" means the same as typing
 * "communication metadata" over "traffic data". A first word written as an acronym stays.
 */
export function neutralForm(name: string, placeholder: string): string {
  const pattern = casePattern(placeholder);
  if (pattern === 'upper' && name === name.toUpperCase()) return name.toLowerCase();
  if (pattern === 'capital' || pattern === 'title' || pattern === 'upper') return lowerFirst(name);
  return name;
}

/** The neutral new name, written as `written` writes the term (capitalisation, plural). */
export function adaptName(neutral: string, written: string, term: string): string {
  let out: string;
  switch (casePattern(written)) {
    case 'upper':
      out = neutral.toUpperCase();
      break;
    case 'title':
      out = neutral.replace(/(^|\s)(\p{L})/gu, (_m, s: string, c: string) => s + c.toUpperCase());
      break;
    case 'capital':
      out = neutral.charAt(0).toUpperCase() + neutral.slice(1);
      break;
    case 'lower':
      out = lowerFirst(neutral);
      break;
    default:
      out = neutral;
  }
  if (isPlural(written, term)) out = pluralise(out, casePattern(written) === 'upper');
  return out;
}

function lowerFirst(s: string): string {
  const first = s.split(/\s+/)[0] ?? '';
  // "ICT device", "eMail": a first word with capitals after its first letter is kept as typed.
  if (first.length > 1 && /\p{Lu}/u.test(first.slice(1))) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Is `written` the plural of `term` (its last word with -s, -es or -ies)? */
export function isPlural(written: string, term: string): boolean {
  const w = lastWord(written).toLowerCase();
  const t = lastWord(term).toLowerCase();
  if (w === t) return false;
  return w === `${t}s` || w === `${t}es` || (t.endsWith('y') && w === `${t.slice(0, -1)}ies`);
}

export function pluralise(name: string, upper = false): string {
  const m = /([\p{L}\p{N}]+)(\P{L}*)$/u.exec(name);
  if (!m) return name;
  const word = m[1];
  let plural: string;
  if (/[^aeiou]y$/i.test(word)) plural = `${word.slice(0, -1)}ies`;
  else if (/(?:s|x|z|ch|sh)$/i.test(word)) plural = `${word}es`;
  else plural = `${word}s`;
  if (upper) plural = plural.toUpperCase();
  return name.slice(0, m.index) + plural + m[2];
}

function lastWord(s: string): string {
  const words = s.match(/[\p{L}\p{N}]+/gu);
  return words ? words[words.length - 1] : s;
}
