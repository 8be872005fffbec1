// Plain text → Treatymark: text pasted from a PDF or a web page, or Markdown. Recognises the
// structure from the lines (heading keywords with their numbers, a title on the next line,
// markers `1.`, `(a)`, `a)`, `(i)`), joins the lines a PDF broke inside paragraphs, and keeps
// the wording: only line breaks, markers and heading marks change.
import { headingHashes, headingShape, isBareHeading, isHeadingText, isTitleLine, leadingMarkers, normaliseMarkers } from './lines';
import type { Imported } from './word';

/** UTF-8 (or UTF-16 with its byte-order mark); Windows-1252 when it is not valid UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

interface Block {
  lines: string[];
  heading: boolean;
  /** A line of Markdown heading marks whose text names no unit: kept as written. */
  raw?: boolean;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Page furniture of a PDF: a page number alone on its line (`12`, `- 12 -`, `Page 3 of 10`). */
function isPageNumber(line: string): boolean {
  let t = line.trim();
  if (t.toLowerCase().startsWith('page ')) t = t.slice(5).split(' of ')[0].trim();
  if (t.startsWith('-') && t.endsWith('-')) t = t.slice(1, -1).trim();
  return t.length > 0 && t.length <= 4 && [...t].every(isDigit);
}

/** Markdown marks that carry no meaning in Treatymark: heading hashes, `**bold**`, `* ` bullets. */
function unmark(line: string): { text: string; hashes: number } {
  let t = line.trim();
  let hashes = 0;
  while (t[hashes] === '#') hashes++;
  if (hashes > 0 && (t[hashes] === ' ' || t[hashes] === undefined)) t = t.slice(hashes).trim();
  else hashes = 0;
  if (t.startsWith('**') && t.endsWith('**') && t.length > 4) t = t.slice(2, -2).trim();
  if (t.startsWith('* ') || t.startsWith('+ ')) t = `- ${t.slice(2)}`;
  return { text: t, hashes };
}

const SENTENCE_END = '.;:,!?';
const CLOSERS = '"”’)]*';

function endsSentence(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && CLOSERS.includes(line[i])) i--;
  return i >= 0 && SENTENCE_END.includes(line[i]);
}

function startsUpper(line: string): boolean {
  const c = line.trimStart()[0];
  return c !== undefined && c !== c.toLowerCase();
}

/** The length most lines reach: lines well short of it end their paragraph. */
function typicalWidth(lines: string[]): number {
  const lengths = lines.map((l) => l.length).filter((n) => n > 0).sort((a, b) => a - b);
  return lengths.length ? lengths[Math.floor(lengths.length * 0.9)] : 0;
}

/**
 * Whether a PDF line starts a paragraph although nothing marks it: it is indented, or the
 * line before ends a sentence and either falls well short of the page's width or ends with
 * `,` `;` `:` before a capital (a recital, an item of a list).
 */
function paragraphBreak(previous: string, raw: string, text: string, width: number): boolean {
  if (raw.startsWith('  ') || raw.startsWith('\t') || text.startsWith('IN WITNESS WHEREOF') || text.startsWith('DONE at')) return true;
  if (!endsSentence(previous)) return false;
  if (previous.length < width * 0.85) return true;
  let i = previous.length - 1;
  while (i >= 0 && CLOSERS.includes(previous[i])) i--;
  return ',;:'.includes(previous[i]) && startsUpper(text);
}

const CITING = new Set(['article', 'articles', 'paragraph', 'paragraphs', 'subparagraph', 'subparagraphs', 'in', 'of', 'to', 'under']);

/** A line ending mid-citation (`… article 17, paragraph 1`): the `(b)` that opens the next is cited, not a marker. */
function wrappedCitation(previous: string): boolean {
  if (endsSentence(previous)) return false;
  const last = previous.slice(previous.lastIndexOf(' ') + 1).toLowerCase();
  return CITING.has(last) || (last !== '' && [...last].every(isDigit));
}

function blocksOf(lines: string[]): Block[] {
  const width = typicalWidth(lines);
  // Web pages and editors give one paragraph per line; a PDF gives lines of a page's width.
  const onePerLine = width > 200;
  const blocks: Block[] = [];
  let current: Block | undefined;
  let previous = '';
  let inNotes = false;
  for (const raw of lines) {
    if (raw.trim() === '' || isPageNumber(raw)) {
      if (raw.trim() === '') current = undefined;
      continue;
    }
    const { text, hashes } = unmark(raw);
    const heading = isHeadingText(text, inNotes);
    if (heading) inNotes = inNotes || headingShape(text)?.kind === 'notes';
    const markers = leadingMarkers(text);
    const prevBare = current && !current.heading && current.lines.length === 1 && leadingMarkers(current.lines[0]).rest === '';
    const continues =
      current !== undefined &&
      !current.raw &&
      !heading &&
      hashes === 0 &&
      (prevBare || (!current.heading && (markers.count === 0 || wrappedCitation(previous)) && !onePerLine && !paragraphBreak(previous, raw, text, width)));
    // The title on the line after "Article 5", even across a blank line.
    const last = blocks[blocks.length - 1];
    const titleOfHeading = last?.heading && last.lines.length === 1 && isBareHeading(headingShape(last.lines[0])) && isTitleLine(text) && hashes === 0;
    if (titleOfHeading) {
      last.lines.push(text);
      current = last;
    }
    else if (continues) current!.lines.push(text);
    else {
      current = { lines: [text], heading, raw: hashes > 0 && !heading };
      if (hashes > 0 && !heading) current.lines[0] = `${'#'.repeat(hashes)} ${text}`;
      blocks.push(current);
    }
    previous = text;
  }
  return blocks;
}

/** Joins the lines of one paragraph: a soft hyphen at a line's end goes, a hard one stays. */
function joinLines(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (out.endsWith('\u00ad')) out = out.slice(0, -1) + line;
    else if (out.endsWith('-') && !out.endsWith(' -') && /^\p{Ll}/u.test(line)) out += line;
    else out += (out ? ' ' : '') + line;
  }
  return out;
}

export function importText(bytes: Uint8Array): Imported {
  let text = decodeText(bytes).replace(NEWLINES, '\n');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let front = '';
  // Markdown's own front matter is kept as it is.
  if (text.startsWith('---\n')) {
    const end = text.indexOf('\n---\n', 3);
    if (end > 0) {
      front = text.slice(0, end + 5) + '\n';
      text = text.slice(end + 5);
    }
  }
  const blocks = blocksOf(text.split('\n').map((l) => l.trimEnd()));
  const out: string[] = [];
  let headings = 0;
  let title: string | undefined;
  for (const [i, b] of blocks.entries()) {
    if (b.raw) {
      out.push(b.lines.join(' '));
      continue;
    }
    if (b.heading) {
      const [first, ...rest] = b.lines;
      const line = rest.length ? `${first}. ${rest.join(' ')}` : first;
      out.push(`${headingHashes(headingShape(line)?.kind, 1)} ${line}`);
      headings++;
      continue;
    }
    const paragraph = normaliseMarkers(joinLines(b.lines));
    // A short first line that is no recital or provision is the title.
    if (i === 0 && !front && paragraph.length <= 250 && !endsSentence(paragraph) && leadingMarkers(paragraph).count === 0) title = paragraph;
    else out.push(paragraph);
  }
  if (title) front = `---\ntitle: ${JSON.stringify(title)}\n---\n\n`;
  return {
    text: `${front}${out.join('\n\n')}\n`,
    stats: { headings, paragraphs: out.length - headings, autoNumbered: 0, insertions: 0, deletions: 0, comments: 0, footnotes: 0 },
  };
}

const NEWLINES = /\r\n?|\f/g;
