// What a line of imported text is, decided as Treatymark's own parser decides it: a heading
// keyword and number (`Article 5`, `CHAPTER II — Title`), or paragraph markers at its start
// (`1.`, `(a)`, `(i)`; `a)` and `1)` as some drafts type them). Shared by the Word and the
// plain-text import.
import { parse } from '../syntax/parse';
import type { HeadingKind, HeadingNode } from '../syntax/tree';

export interface HeadingShape {
  kind: Exclude<HeadingKind, 'other'>;
  /** A number after the keyword. */
  numbered: boolean;
  /** Text after the keyword and number. */
  title?: string;
  /** Whether punctuation (`.`, `:`, `—`) stands between the number and the title. */
  punctuated: boolean;
  plural: boolean;
}

/** The heading `text` would make after `#`, or undefined when its keyword opens no unit. */
export function headingShape(text: string): HeadingShape | undefined {
  if (text.includes('\n') || text.includes('\r')) return undefined;
  const h = parse(`# ${text}`).blocks[0] as HeadingNode | undefined;
  if (!h || h.type !== 'heading' || h.kind === 'other') return undefined;
  const afterHead = h.number ? h.number.span.end : h.keywordSpan!.end;
  let k = afterHead;
  const line = h.rest.end;
  const full = `# ${text}`;
  while (k < line && (full[k] === ' ' || full[k] === '\t' || full[k] === '\u00a0')) k++;
  return { kind: h.kind, numbered: h.number !== undefined, title: h.title?.text, punctuated: k < line && '.:—–-'.includes(full[k]), plural: h.plural };
}

/** Units that take a number, whose title may stand on the next line. */
const NUMBERED_KINDS = new Set(['part', 'chapter', 'section', 'article', 'annex']);

/** A heading keyword and number with no title yet: `Article 5`, `Chapter II`, `Annex`. */
export function isBareHeading(shape: HeadingShape | undefined): boolean {
  return shape !== undefined && NUMBERED_KINDS.has(shape.kind) && shape.title === undefined && !shape.plural && (shape.numbered || shape.kind === 'annex');
}

/**
 * Whether an ordinary paragraph is a heading by its text alone: the keyword with its number
 * and nothing else, or a title after punctuation that does not end like a sentence
 * (`Article 5. Protection of sovereignty`, not `Article 5 applies …`). Among interpretative
 * notes (`inNotes`), a heading may name several articles (`Articles 23 and 35, with regard to
 * the term "investigation"`).
 */
export function isHeadingText(text: string, inNotes = false): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 250) return false;
  const shape = headingShape(t);
  if (!shape) return false;
  if (shape.plural) return inNotes && shape.kind === 'article' && shape.numbered && !'.;:'.includes(t[t.length - 1]);
  if (shape.kind === 'preamble' || shape.kind === 'notes') return shape.title === undefined || shape.punctuated;
  if (!shape.numbered && shape.kind !== 'annex') return false;
  if (shape.title === undefined) return true;
  return shape.punctuated && !'.;,:'.includes(t[t.length - 1]);
}

/** How many `#` a heading of this kind gets: the keyword decides the kind, so this is for the eye. */
export function headingHashes(kind: HeadingKind | undefined, styleLevel: number): string {
  if (kind === 'article' || kind === 'section') return '##';
  if (kind && kind !== 'other') return '#';
  return '#'.repeat(Math.max(1, Math.min(6, styleLevel || 1)));
}

/** A title on the line after a bare heading: short, not a marker, not ending like a sentence. */
export function isTitleLine(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 200 || '.;,:'.includes(t[t.length - 1])) return false;
  if (headingShape(t) !== undefined || leadingMarkers(t).count > 0) return false;
  // Not a sentence running on: a title does not start with a lower-case letter.
  const first = String.fromCodePoint(t.codePointAt(0)!);
  return first === first.toUpperCase();
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\u00a0';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLower = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';

/** One marker at `i`: its Treatymark form and where it ends, or undefined. */
function markerAt(t: string, i: number, first: boolean): { text: string; end: number } | undefined {
  let j = i;
  if (t[j] === '(') {
    j++;
    const start = j;
    if (isLower(t[j])) while (isLower(t[j])) j++;
    else while (isDigit(t[j])) j++;
    const len = j - start;
    if (len === 0 || len > 5 || (isDigit(t[start]) && len > 4) || t[j] !== ')') return undefined;
    j++;
    return j === t.length || isSpace(t[j]) ? { text: t.slice(i, j), end: j } : undefined;
  }
  const start = j;
  if (isDigit(t[j])) {
    while (isDigit(t[j])) j++;
    if (j - start > 9 || !first || (t[j] !== '.' && t[j] !== ')')) return undefined;
  } else if (isLower(t[j])) {
    while (isLower(t[j])) j++;
    if (j - start > 5 || t[j] !== ')') return undefined;
  } else return undefined;
  const end = j + 1;
  if (end !== t.length && !isSpace(t[end])) return undefined;
  // `a)` → `(a)`, `1)` → `1.`: the forms Treatymark reads.
  const label = t.slice(start, j);
  return { text: isDigit(label[0]) ? `${label}.` : `(${label})`, end };
}

/** The markers at the start of `text` (at most three), in Treatymark form. */
export function leadingMarkers(text: string): { markers: string[]; rest: string; count: number } {
  let i = 0;
  while (isSpace(text[i])) i++;
  const markers: string[] = [];
  while (markers.length < 3) {
    const m = markerAt(text, i, markers.length === 0);
    if (!m) break;
    markers.push(m.text);
    i = m.end;
    while (isSpace(text[i])) i++;
  }
  return { markers, rest: markers.length ? text.slice(i) : text.trimStart(), count: markers.length };
}

/** `text` with its leading markers in Treatymark form, each followed by one space. */
export function normaliseMarkers(text: string): string {
  const { markers, rest } = leadingMarkers(text);
  return markers.length ? `${markers.join(' ')} ${rest}`.trimEnd() : rest;
}
