// How units, definitions and notes read in hovers, outlines and completion lists.
import { isWithin, notesConcerning } from '../model/notes';
import type { Definition, Note, Treaty, Unit } from '../model/types';
import { ancestor, describe, unitText } from '../model/units';

/** `Article 17. Laundering of proceeds of crime`, `Chapter II. Criminalization`, `Article 40, paragraph 21 (b)`. */
export function unitTitle(unit: Unit): string {
  const titled = (word: string) => `${word}${unit.number ? ` ${unit.number}` : ''}${unit.title ? `. ${unit.title}` : ''}`;
  switch (unit.kind) {
    case 'article':
      return titled('Article');
    case 'chapter':
      return titled('Chapter');
    case 'part':
      return titled('Part');
    case 'section':
      return titled('Section');
    case 'annex':
      return titled('Annex');
    case 'preamble':
      return 'Preamble';
    case 'notes':
      return 'Interpretative notes';
    case 'noteGroup':
      return `Notes on ${unit.title ?? ''}`.trim();
    case 'note':
      return `Interpretative note ${unit.number}`;
    case 'recital':
      return `Preambular paragraph${unit.number ? ` (${unit.number})` : ''}`;
    case 'closing':
      return 'Closing formula';
    default:
      return capitalise(describe(unit));
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The unit's text as lines, markers of its children included, blank lines dropped. */
export function textLines(treaty: Treaty, unit: Unit, deep: boolean): string[] {
  return unitText(treaty.text, unit, deep)
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** The first lines of a unit, about `maxChars` long, for hovers and completion details. */
export function snippet(treaty: Treaty, unit: Unit, maxLines = 3, maxChars = 600): string[] {
  let lines = textLines(treaty, unit, true);
  if (lines.length === 0) {
    // A heading with nothing of its own: its first paragraph.
    const first = unit.children.find((c) => c.span.end > c.span.start);
    if (first) lines = textLines(treaty, first, true);
  }
  const out: string[] = [];
  let total = 0;
  for (const line of lines) {
    if (out.length >= maxLines || total >= maxChars) {
      out.push('…');
      break;
    }
    const room = maxChars - total;
    out.push(line.length > room ? `${line.slice(0, Math.max(0, room - 1)).trimEnd()}…` : line);
    total += line.length;
  }
  return out;
}

export function oneLine(treaty: Treaty, unit: Unit, max = 80): string {
  const line = textLines(treaty, unit, false)[0] ?? textLines(treaty, unit, true)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Notes on a unit: those that concern it or a part of it, and those whose heading names an article holding it. */
export function notesOn(treaty: Treaty, unit: Unit): Note[] {
  const direct = new Set(notesConcerning(treaty.notes, unit));
  for (const n of treaty.notes) {
    if (n.group.targets.some((t) => t !== unit && isWithin(unit, t))) direct.add(n);
  }
  return treaty.notes.filter((n) => direct.has(n));
}

/** Notes about a defined term: on its defining unit, quoting it, or "with regard to" it. */
export function notesOnTerm(treaty: Treaty, d: Definition): Note[] {
  const onUnit = new Set(notesConcerning(treaty.notes, d.unit));
  return treaty.notes.filter((n) => onUnit.has(n) || n.terms.includes(d.key));
}

/** Where a definition holds, as a drafter says it. */
export function scopePhrase(treaty: Treaty, d: Definition): string {
  if (d.scope === 'global' || !d.scopeUnit) {
    const self = treaty.frontMatter.shortTitle ? `the ${treaty.frontMatter.shortTitle}` : 'the whole treaty';
    return `applies throughout ${self}`;
  }
  return `applies in ${describe(d.scopeUnit)} only`;
}

export function definedIn(d: Definition): string {
  const article = ancestor(d.unit, 'article');
  const where = describe(d.unit);
  return article?.title ? `${where} (${article.title})` : where;
}

/** Escapes what Markdown would read as markup, keeping `*emphasis*` (the markup's own). */
export function md(s: string): string {
  return s.replace(/[\\`<>[\]_#|]/g, (c) => `\\${c}`);
}

export function quote(lines: string[]): string {
  return lines.map((l) => `> ${md(l)}`).join('\n>\n');
}

/** `1 time`, `3 times`. */
export function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

/** `articles 35, 42 and 50`. */
export function listWords(items: string[], max = 10): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
