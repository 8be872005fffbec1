// Text → syntax tree: one pass over the lines for structure, one pass over the
// characters for brackets, tracked changes and footnote references. Linear in the
// text; no regular expression here can backtrack beyond one line's prefix.
import { LineIndex, Span } from './text';
import { isPlaceholderNumber, romanValue, SUFFIXES } from './numerals';
import type {
  Block,
  BracketGroup,
  CriticKind,
  CriticSpan,
  FootnoteRef,
  FrontMatterNode,
  HeadingKind,
  HeadingNode,
  MarkerToken,
  NumberToken,
  SyntaxTree,
} from './tree';

const HEADING_KEYWORDS: [RegExp, HeadingKind][] = [
  [/^interpretative\s+notes\b/i, 'notes'],
  [/^preamble\b/i, 'preamble'],
  [/^parts?\b/i, 'part'],
  [/^chapters?\b/i, 'chapter'],
  [/^sections?\b/i, 'section'],
  [/^articles?\b/i, 'article'],
  // An appendix is an annex by another name (the Council of Europe's).
  [/^(?:annex(?:es)?|appendix|appendices)\b/i, 'annex'],
];

const SUFFIX_PATTERN = new RegExp(`^\\s+(${SUFFIXES.join('|')})\\b`, 'i');
// Longest first so that `[X]` and `__` win over a bare letter.
// `\d+`, the whole run of digits: with `\d{1,9}` an article numbered with 10 000 digits kept
// 9 as its number, and renumbering rewrote those 9 and left the rest of the number behind.
const NUMBER_PATTERN = /^(?:\[[^\]\n]{0,40}\]|_{2,}|…|\.\.\.|\d+|[IVXLCDM]{1,15}\b|[ivxlcdm]{1,15}\b|[A-Z]\b)/;
const SEPARATOR = /^\s*(?:[.:—–-]|\s)\s*/;
const FOOTNOTE_DEF = /^\[\^([^\]\s]{1,40})\]:[ \t]?/;

export function parse(text: string): SyntaxTree {
  const lines = new LineIndex(text);
  const frontMatter = parseFrontMatter(text, lines);
  // An unclosed front matter is only its opening fence: the body is still read.
  const firstBodyLine = frontMatter ? lines.lineAt(frontMatter.span.end) + 1 : 0;
  const blocks: Block[] = [];
  for (let line = firstBodyLine; line < lines.lineCount; line++) {
    const block = parseLine(text, line, lines.starts[line], lines.ends[line]);
    if (block) blocks.push(block);
  }
  const bodyStart = frontMatter ? frontMatter.span.end : 0;
  const inline = scanInline(text, bodyStart);
  return { text, lines, frontMatter, blocks, ...inline };
}

function parseFrontMatter(text: string, lines: LineIndex): FrontMatterNode | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (lines.lineText(0).slice(bom).trimEnd() !== '---') return undefined;
  for (let line = 1; line < lines.lineCount; line++) {
    const t = lines.lineText(line).trimEnd();
    if (t === '---' || t === '...') {
      return {
        span: { start: 0, end: lines.ends[line] },
        content: { start: lines.starts[1] ?? text.length, end: lines.starts[line] },
        closed: true,
      };
    }
  }
  // Unclosed: the whole text would be YAML. Treat only the fence as front matter so the
  // body is still analysed; the model reports the missing fence.
  return { span: { start: 0, end: lines.ends[0] }, content: { start: lines.ends[0], end: lines.ends[0] }, closed: false };
}

/** The block of one line of the body: a heading, a line of markers, a footnote text, prose; undefined when blank. */
export function parseLine(text: string, line: number, start: number, end: number): Block | undefined {
  let i = start;
  if (line === 0 && text.charCodeAt(0) === 0xfeff) i++;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  if (i >= end) return undefined;
  const lineSpan = { start, end };
  if (text.charCodeAt(i) === 35 /* # */) return parseHeading(text, line, lineSpan, i);
  // A leading "- " is allowed before markers and carries no meaning.
  let j = i;
  if (text.charCodeAt(j) === 45 /* - */ && isBlank(text.charCodeAt(j + 1))) {
    j += 2;
    while (j < end && isBlank(text.charCodeAt(j))) j++;
  }
  const lead = text.charCodeAt(j);
  // Markers start with a digit or "(", footnote texts with "[": other lines are prose.
  const mayBeMarker = lead === 40 || (lead >= 48 && lead <= 57);
  const footnote = text.charCodeAt(i) === 91 ? FOOTNOTE_DEF.exec(text.slice(i, Math.min(end, i + 48))) : null;
  if (footnote) {
    const labelStart = i + 2;
    return {
      type: 'footnoteDef',
      line,
      span: lineSpan,
      label: footnote[1],
      labelSpan: { start: labelStart, end: labelStart + footnote[1].length },
      content: { start: i + footnote[0].length, end },
    };
  }
  const markers = mayBeMarker ? parseMarkers(text, j, end) : NO_MARKERS;
  if (markers.length > 0) {
    let k = markers[markers.length - 1].span.end;
    while (k < end && isBlank(text.charCodeAt(k))) k++;
    return { type: 'item', line, span: lineSpan, markers, content: { start: k, end } };
  }
  return { type: 'text', line, span: lineSpan, content: { start: i, end } };
}

/** No markers (shared: never pushed to, see parseMarkers). */
const NO_MARKERS: MarkerToken[] = [];

/** A space or a tab. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** What `\s` matches in a regular expression: white space and line terminators. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Up to three markers at `from`, read within the line's first 64 characters: `3.` (first
 * only, up to 9 digits) or `(a)` (1 to 5 letters a–z, or 1 to 4 digits), each followed by
 * white space or the end of those 64 characters. By character codes: a regular expression
 * on a slice per line made garbage on every numbered line.
 */
function parseMarkers(text: string, from: number, end: number): MarkerToken[] {
  let markers = NO_MARKERS;
  const headEnd = Math.min(end, from + 64);
  let s = from;
  for (let n = 0; n < 3; n++) {
    let labelStart: number;
    let labelEnd: number;
    let markerEnd: number;
    let dot = false;
    if (n === 0 && digitAt(text, s, headEnd)) {
      labelStart = s;
      labelEnd = s;
      while (digitAt(text, labelEnd, headEnd)) labelEnd++;
      if (labelEnd - labelStart > 9 || labelEnd >= headEnd || text.charCodeAt(labelEnd) !== 46 /* . */ || !endsAt(text, labelEnd + 1, headEnd)) break;
      markerEnd = labelEnd + 1;
      dot = true;
    } else if (s < headEnd && text.charCodeAt(s) === 40 /* ( */) {
      labelStart = s + 1;
      labelEnd = labelStart;
      if (letterAt(text, labelStart, headEnd)) {
        while (letterAt(text, labelEnd, headEnd)) labelEnd++;
        if (labelEnd - labelStart > 5) break;
      } else {
        while (digitAt(text, labelEnd, headEnd)) labelEnd++;
        if (labelEnd === labelStart || labelEnd - labelStart > 4) break;
      }
      if (labelEnd >= headEnd || text.charCodeAt(labelEnd) !== 41 /* ) */ || !endsAt(text, labelEnd + 1, headEnd)) break;
      markerEnd = labelEnd + 1;
    } else break;
    const marker: MarkerToken = {
      text: text.slice(s, markerEnd),
      label: text.slice(labelStart, labelEnd),
      span: { start: s, end: markerEnd },
      labelSpan: { start: labelStart, end: labelEnd },
      style: dot ? 'dot' : 'paren',
    };
    // Most lines have one marker: an array of exactly one (a first push reserves 17 slots).
    if (markers === NO_MARKERS) markers = [marker];
    else markers.push(marker);
    s = markerEnd;
    while (s < headEnd && isBlank(text.charCodeAt(s))) s++;
    if (s >= end) break;
  }
  return markers;
}

/** A digit at `k`, before `headEnd` (module functions: closures per numbered line were garbage). */
function digitAt(text: string, k: number, headEnd: number): boolean {
  return k < headEnd && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57;
}

/** A letter a–z at `k`, before `headEnd`. */
function letterAt(text: string, k: number, headEnd: number): boolean {
  return k < headEnd && text.charCodeAt(k) >= 97 && text.charCodeAt(k) <= 122;
}

/** A marker may end at `k`: at `headEnd` or before white space. */
function endsAt(text: string, k: number, headEnd: number): boolean {
  return k === headEnd || isSpace(text.charCodeAt(k));
}

function parseHeading(text: string, line: number, lineSpan: Span, hashStart: number): HeadingNode {
  const end = lineSpan.end;
  let i = hashStart;
  while (i < end && text[i] === '#') i++;
  const level = i - hashStart;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  let restEnd = end;
  while (restEnd > i && /\s/.test(text[restEnd - 1])) restEnd--;
  const rest = { start: i, end: restEnd };
  const restText = text.slice(i, restEnd);
  const heading: HeadingNode = { type: 'heading', line, span: lineSpan, level, kind: 'other', plural: false, rest };
  for (const [pattern, kind] of HEADING_KEYWORDS) {
    const m = pattern.exec(restText);
    if (!m) continue;
    heading.kind = kind;
    heading.keywordSpan = { start: i, end: i + m[0].length };
    heading.plural = /s$/i.test(m[0]) && kind !== 'notes';
    if (kind === 'preamble' || kind === 'notes') {
      const title = restText.slice(m[0].length).replace(/^\s*[.:—–-]?\s*/, '');
      if (title) heading.title = { text: title, span: { start: restEnd - title.length, end: restEnd } };
      return heading;
    }
    let k = m[0].length;
    const afterKeyword = restText.slice(k);
    const ws = /^\s*/.exec(afterKeyword)![0].length;
    const numberMatch = NUMBER_PATTERN.exec(afterKeyword.slice(ws));
    if (numberMatch && ws > 0) {
      heading.number = numberToken(numberMatch[0], i + k + ws, kind);
      k += ws + numberMatch[0].length;
      const suffix = SUFFIX_PATTERN.exec(restText.slice(k));
      if (suffix && heading.number.value !== undefined) {
        heading.number.suffix = suffix[1].toLowerCase();
        heading.number.text = text.slice(heading.number.span.start, i + k + suffix[0].length);
        heading.number.span = { start: heading.number.span.start, end: i + k + suffix[0].length };
        k += suffix[0].length;
      }
    }
    const sep = SEPARATOR.exec(restText.slice(k));
    const titleStart = k + (sep ? sep[0].length : 0);
    if (titleStart < restText.length && (sep || k === restText.length)) {
      heading.title = { text: restText.slice(titleStart), span: { start: i + titleStart, end: restEnd } };
    } else if (titleStart < restText.length) {
      heading.title = { text: restText.slice(k).trim(), span: { start: restEnd - restText.slice(k).trim().length, end: restEnd } };
    }
    return heading;
  }
  heading.title = restText ? { text: restText, span: rest } : undefined;
  return heading;
}

function numberToken(raw: string, start: number, kind: HeadingKind): NumberToken {
  const token: NumberToken = { text: raw, span: { start, end: start + raw.length }, placeholder: false, roman: false };
  // Beyond 15 digits a value would be inexact (or Infinity): such a number has no value to check.
  if (/^\d+$/.test(raw)) token.value = raw.length <= 15 ? parseInt(raw, 10) : undefined;
  else if (kind === 'article' && isPlaceholderNumber(raw)) token.placeholder = true;
  else if (isPlaceholderNumber(raw) && raw !== 'X') token.placeholder = true;
  else {
    const roman = romanValue(raw);
    if (roman !== undefined) {
      token.value = roman;
      token.roman = true;
    } else if (/^[A-Z]$/.test(raw)) token.value = raw.charCodeAt(0) - 64;
  }
  return token;
}

const CRITIC_OPENERS: Record<string, [CriticKind, string]> = {
  '++': ['insert', '++}'],
  '--': ['delete', '--}'],
  '~~': ['substitute', '~~}'],
  '==': ['highlight', '==}'],
  '>>': ['comment', '<<}'],
};

function scanInline(text: string, from: number) {
  const brackets: BracketGroup[] = [];
  const strayClosers: number[] = [];
  const critic: CriticSpan[] = [];
  const footnoteRefs: FootnoteRef[] = [];
  const stack: number[] = [];
  const n = text.length;
  // Thousands of openers with one closer far away (or none) must not each search the
  // rest of the text: remember where each search ended (that was quadratic).
  const nextOf = memoizedIndexOf(text);
  const endOfParagraph = paragraphEnds(text);
  // Jump from one character that matters to the next; most of a treaty is plain prose.
  const special = /[\\{[\]]/g;
  for (let i = from; i < n; i++) {
    special.lastIndex = i;
    const next = special.exec(text);
    if (!next) break;
    i = next.index;
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i++; // an escaped character is literal
    } else if (c === 0x7b /* { */) {
      const opener = CRITIC_OPENERS[text.substr(i + 1, 2)];
      if (!opener) continue;
      const [kind, closer] = opener;
      const close = nextOf(closer, i + 3);
      const closed = close >= 0;
      // An unclosed span runs to the end of its paragraph, so the damage stays local.
      const end = closed ? close + 3 : endOfParagraph(i);
      const contentEnd = closed ? close : end;
      const spanInfo: CriticSpan = { kind, span: { start: i, end }, content: { start: i + 3, end: contentEnd }, closed };
      if (kind === 'substitute') {
        const sep = nextOf('~>', i + 3);
        if (sep >= 0 && sep < contentEnd) spanInfo.separator = sep;
      }
      critic.push(spanInfo);
      // A comment is free prose: brackets in it are not negotiation brackets.
      if (kind === 'comment') i = end - 1;
      else i += 2;
    } else if (c === 0x5b /* [ */) {
      if (text.charCodeAt(i + 1) === 0x5e /* ^ */) {
        const close = scanFootnoteLabel(text, i + 2);
        // `[^7]:` at the start of a line defines the footnote; it is not a reference to it.
        const isDefinition = close > 0 && text[close + 1] === ':' && atLineStart(text, i);
        if (close > 0 && !isDefinition) {
          footnoteRefs.push({ label: text.slice(i + 2, close), span: { start: i, end: close + 1 } });
          i = close;
          continue;
        }
        if (isDefinition) {
          i = close;
          continue;
        }
      }
      brackets.push({ open: i, close: -1, depth: stack.length, parent: stack.length ? stack[stack.length - 1] : -1 });
      stack.push(brackets.length - 1);
    } else if (c === 0x5d /* ] */) {
      const top = stack.pop();
      if (top === undefined) strayClosers.push(i);
      else brackets[top].close = i;
    }
  }
  return { brackets, strayClosers, critic, footnoteRefs };
}

function atLineStart(text: string, offset: number): boolean {
  for (let j = offset - 1; j >= 0; j--) {
    const c = text[j];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t' && c !== '-') return false;
  }
  return true;
}

function scanFootnoteLabel(text: string, from: number): number {
  for (let j = from; j < text.length && j < from + 40; j++) {
    const c = text[j];
    if (c === ']') return j > from ? j : -1;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '[') return -1;
  }
  return -1;
}

/** End of the paragraph holding `offset`: the next blank line, or the end of the text. */
export function paragraphEnd(text: string, offset: number): number {
  const re = /\r?\n[ \t]*(?:\r?\n|$)|\r[ \t]*(?:\r|$)/g;
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? m.index : text.length;
}

/**
 * `paragraphEnd` for many offsets of one text: an answer found from `from` holds for every
 * offset up to it, so offsets in one paragraph share one search (linear, not quadratic).
 */
export function paragraphEnds(text: string): (offset: number) => number {
  let from = Infinity;
  let at = -1;
  return (offset) => {
    if (offset < from || offset > at) {
      from = offset;
      at = paragraphEnd(text, offset);
    }
    return at;
  };
}

/** `text.indexOf(needle, from)` for ascending or repeated `from`: each needle's last answer is reused while it is still ahead. */
function memoizedIndexOf(text: string): (needle: string, from: number) => number {
  const last = new Map<string, { from: number; at: number }>();
  return (needle, from) => {
    const m = last.get(needle);
    // No occurrence after an earlier start means none after this one; an occurrence still ahead is the next one.
    if (m && m.from <= from && (m.at < 0 || m.at >= from)) return m.at;
    const at = text.indexOf(needle, from);
    last.set(needle, { from, at });
    return at;
  };
}
