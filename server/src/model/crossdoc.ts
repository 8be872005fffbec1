// Across documents: references to another instrument that front matter maps to a
// workspace file (`article 56 of the Convention`), and interpretative notes kept in
// the file named by `notes:`. Pure: texts and models in, units and spans out.
import { eolOf, LineIndex } from '../syntax/text';
import { parseReference, type GrammarContext } from './refgrammar';
import { keywordAt, tokenize } from './reftokens';
import { emptyResolution, Resolver, type Resolution, type ResolveScope } from './resolve';
import { grammarContextOf } from './analyse';
import type { RefNumber, Reference, Treaty } from './types';

/** The grammar context `analyse` used for a treaty: its self-names and its instruments. */
export function grammarContext(treaty: Treaty): GrammarContext {
  return grammarContextOf(treaty.selfNames, treaty.frontMatter.instruments);
}

export type CrossNumber = RefNumber;
export type CrossResolution = Omit<Resolution, 'imprecise'>;

/** One resolver per cited treaty: its indexes are built once, not per reference. */
const resolvers = new WeakMap<Treaty, Map<string, Resolver>>();

/** The resolver that reads references into `target`, naming it `targetName` in messages. */
export function resolverFor(target: Treaty, targetName: string): Resolver {
  let byName = resolvers.get(target);
  if (!byName) resolvers.set(target, (byName = new Map()));
  let r = byName.get(targetName);
  if (!r) byName.set(targetName, (r = new Resolver(scopeOf(target), ` of ${targetName}`)));
  return r;
}

export function scopeOf(treaty: Treaty): ResolveScope {
  return {
    roots: treaty.roots,
    articles: treaty.articles,
    byLevel: { chapter: treaty.chapters, part: treaty.parts, section: treaty.sections, annex: treaty.annexes },
    preamble: treaty.roots.find((u) => u.kind === 'preamble'),
  };
}

/**
 * Resolves an external reference of `citing` against the treaty `target` that its
 * instrument is mapped to, with the same grammar and resolver as references inside a treaty.
 * `targetName` names that treaty in messages (`the Convention`).
 */
export function resolveAcross(ref: Reference, citing: Treaty, target: Treaty, targetName: string): CrossResolution {
  const out = emptyResolution();
  const tokens = tokenize(citing.text, ref.span.start, ref.span.end);
  const parsed = keywordAt(tokens, 0) ? parseReference(tokens, 0, grammarContext(citing)) : undefined;
  if (!parsed || parsed.placeholder || parsed.specs.length === 0) {
    for (const n of ref.numbers) out.numbers.push({ text: n.text, span: n.span, level: n.level });
    return out;
  }
  resolverFor(target, targetName).resolve(parsed, {}, out);
  out.numbers.sort((a, b) => a.span.start - b.span.start);
  const { imprecise: _imprecise, ...result } = out;
  return result;
}

/** Where a treaty's text and its notes file's text stand in the text analysed together. */
export interface NotesComposite {
  /** The treaty's text, a separator, then the notes file's text with its front matter blanked. */
  text: string;
  /** Offset of the notes file's first character in `text`. */
  notesBase: number;
}

const NOTES_HEADING = /^[ \t]*#+[ \t]*interpretative\s+notes\b/i;

/**
 * The treaty followed by its notes file, analysed as one text so that the notes'
 * headings and citations resolve against the treaty exactly as notes written in it do.
 * The notes file's front matter is blanked (white space, line breaks kept) so every
 * offset of the notes file is `notesBase` plus its own offset; a notes file that does
 * not open with `# Interpretative notes` gets that heading in the separator.
 */
export function composeWithNotes(treatyText: string, notesText: string): NotesComposite {
  const fm = frontMatterEnd(notesText);
  const blanked = fm > 0 ? notesText.slice(0, fm).replace(/[^\r\n]/g, ' ') + notesText.slice(fm) : notesText;
  const lines = new LineIndex(blanked);
  let opensWithNotes = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const t = lines.lineText(line);
    if (t.trim() === '') continue;
    opensWithNotes = NOTES_HEADING.test(t);
    break;
  }
  const eol = eolOf(treatyText);
  const separator = eol + eol + (opensWithNotes ? '' : `# Interpretative notes${eol}${eol}`);
  const text = treatyText + separator + blanked;
  return { text, notesBase: treatyText.length + separator.length };
}

/** Offset just past the closing fence of a closed front matter block; 0 when there is none. */
export function frontMatterEnd(text: string): number {
  // Line by line up to the closing fence: the project asks this of every text on every
  // keystroke, and an index of all the lines of a long treaty cost milliseconds.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = lineEnd(text, 0);
  if (text.slice(bom, end).trimEnd() !== '---') return 0;
  while (end < text.length) {
    const start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    end = lineEnd(text, start);
    const t = text.slice(start, end).trimEnd();
    if (t === '---' || t === '...') return end;
  }
  return 0;
}

/** Where the line starting at `start` ends: its first `\n` or `\r`, or the end of the text. */
function lineEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}
