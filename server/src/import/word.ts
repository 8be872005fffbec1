// A Word document (.docx) → a Treatymark text. The paragraphs are read with their automatic
// numbers (docx.ts, numbering.ts), written inline (inline.ts), then laid out: the title
// goes to the front matter, heading paragraphs become `#` headings (a number and its title
// on two paragraphs make one heading), the others paragraphs with their markers, each
// footnote's text after the paragraph that refers to it.
import { BodyReader, plainText, type Paragraph } from './docx';
import { InlineWriter, type ChangeRecord, type DocumentContext, type WordComment } from './inline';
import { headingHashes, headingShape, isBareHeading, isHeadingText, isTitleLine, leadingMarkers, normaliseMarkers } from './lines';
import { Numbering } from './numbering';
import { openWordPackage, type WordPackage } from './package';
import { Styles } from './styles';
import { attr, child, childrenNamed, descendants, type Element } from './xml';

export interface ImportStats {
  headings: number;
  paragraphs: number;
  /** Paragraphs numbered by Word's automatic list numbering. */
  autoNumbered: number;
  insertions: number;
  deletions: number;
  comments: number;
  footnotes: number;
}

export interface Imported {
  text: string;
  stats: ImportStats;
}

/** One paragraph as it will be laid out. */
interface Item {
  rendered: string;
  plain: string;
  notes: string[];
  headingLevel: number;
  /** Numbered by a list whose number is not a heading's ("1.", "(a)", not "Article 1"). */
  numbered: boolean;
}

export function importDocx(bytes: Uint8Array, name: string): Imported {
  const pkg = openWordPackage(bytes, name);
  const styles = new Styles(pkg.related('styles'));
  const numbering = new Numbering(pkg.related('numbering'), styles);
  const paragraphs = new BodyReader(styles, numbering).paragraphs(child(pkg.main, 'body'));
  const plainReader = new BodyReader(styles);
  const notes = { footnote: notesById(pkg.related('footnotes'), plainReader), endnote: notesById(pkg.related('endnotes'), plainReader) };
  const labels = new CommentLabels();
  const comments = readComments(pkg, plainReader);
  const ctx: DocumentContext = {
    comments,
    parentOf: new Map([...comments.values()].flatMap((c) => c.replies.map((reply): [string, string] => [reply, c.id]))),
    labelOf: (author) => labels.labelOf(author),
    note: (kind, id) => notes[kind].get(id),
    changes: [],
    emittedComments: new Set(),
    noteCount: 0,
  };
  const titles: string[] = [];
  const items: Item[] = [];
  for (const p of paragraphs) {
    if (styles.isTitle(p.styleId)) {
      const t = plainText(p.pieces).replace(BREAKS, ' ').trim();
      if (t) titles.push(t);
      continue;
    }
    items.push(item(p, styles, ctx));
  }
  const { blocks, headings, firstOther } = layout(items);
  const title = titles.join(' ') || coreTitle(pkg) || firstOther;
  const text = `${frontMatter(title, ctx.changes, labels.renamed())}${blocks.join('\n\n')}\n`;
  return {
    text,
    stats: {
      headings,
      paragraphs: blocks.length - headings,
      autoNumbered: paragraphs.filter((p) => p.number && !p.number.bullet && p.number.text).length,
      insertions: ctx.changes.filter((c) => c.kind === 'insert').length,
      deletions: ctx.changes.filter((c) => c.kind === 'delete').length,
      comments: ctx.emittedComments.size,
      footnotes: ctx.noteCount,
    },
  };
}

const BREAKS = /[\t\n]/g;
const SPACES = /[ \t\n]+/g;

function item(p: Paragraph, styles: Styles, ctx: DocumentContext): Item {
  const plain = plainText(p.pieces);
  const level = styles.headingLevel(p.styleId);
  const writer = new InlineWriter(ctx, level > 0 || isHeadingText(firstLine(plain)));
  const rendered = writer.paragraph(p.pieces);
  const notes = writer.noteLines();
  let prefix = '';
  const headingNumber = !!p.number?.text && isBareHeading(headingShape(p.number.text));
  if (p.number?.bullet) prefix = '- ';
  // "Article %1" numbering a paragraph whose text is the title: `Article 1. Title`.
  else if (headingNumber && plain.trim()) prefix = `${p.number!.text}. `;
  else if (p.number?.text) prefix = `${p.number.text}${level > 0 && p.number.suffix === '' ? '' : ' '}`;
  // A heading style on a whole paragraph of prose is a formatting accident, not a heading.
  return { rendered: prefix + rendered, plain: prefix + plain, notes, headingLevel: plain.length <= 300 ? level : 0, numbered: !!p.number?.text && !headingNumber };
}

/** The first line of a heading paragraph (a line break may separate number and title). */
function firstLine(text: string): string {
  const i = text.indexOf('\n');
  return (i < 0 ? text : text.slice(0, i)).replace(SPACES, ' ').trim();
}

/** A heading's text on one line: a break after a bare number becomes `. `. */
function headingText(item: Item): string {
  const rendered = item.rendered.trim();
  const i = rendered.indexOf('\n');
  if (i >= 0 && isBareHeading(headingShape(firstLine(item.plain)))) return `${rendered.slice(0, i).trim()}. ${rendered.slice(i + 1)}`.replace(SPACES, ' ').trim();
  return rendered.replace(SPACES, ' ').trim();
}

function isHeading(it: Item, inNotes: boolean): boolean {
  return it.headingLevel > 0 || (!it.numbered && isHeadingText(firstLine(it.plain), inNotes) && !it.plain.trim().includes('\n'));
}

function layout(items: Item[]): { blocks: string[]; headings: number; firstOther?: string } {
  const blocks: string[] = [];
  let headings = 0;
  let firstOther: string | undefined;
  let inNotes = false;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.rendered.trim() === '' && it.notes.length === 0) continue;
    if (!isHeading(it, inNotes)) {
      let text = normaliseMarkers(it.rendered.replace(SPACES, ' ').trim());
      const notes = [...it.notes];
      // "3." alone, then "(a) Each State Party…": one line, `3. (a) Each State Party…`.
      for (let next = items[i + 1]; leadingMarkers(text).count > 0 && leadingMarkers(text).rest === '' && next && !isHeading(next, inNotes) && leadingMarkers(next.plain).count > 0; next = items[i + 1]) {
        text = `${text} ${normaliseMarkers(next.rendered.replace(SPACES, ' ').trim())}`;
        notes.push(...next.notes);
        i++;
      }
      // A paragraph that starts with `#` is no heading.
      blocks.push(text.startsWith('#') ? `\\${text}` : text, ...notes);
      continue;
    }
    let text = headingText(it);
    const notes = [...it.notes];
    const shape = headingShape(firstLine(it.plain));
    const next = items[i + 1];
    // "Article 5" then "Protection of sovereignty": one heading.
    if (next && isBareHeading(shape) && !it.plain.includes('\n') && !next.numbered && headingShape(firstLine(next.plain)) === undefined) {
      const joins = it.headingLevel > 0 ? next.headingLevel > 0 : next.headingLevel > 0 || isTitleLine(firstLine(next.plain));
      if (joins && next.plain.trim() !== '') {
        text = `${text}. ${headingText(next)}`;
        notes.push(...next.notes);
        i++;
      }
    }
    const kind = headingShape(firstLine(text))?.kind;
    inNotes = inNotes || kind === 'notes';
    if (!kind && firstOther === undefined && blocks.length === 0) firstOther = firstLine(it.plain);
    blocks.push(`${headingHashes(kind, it.headingLevel)} ${text}`, ...notes);
    headings++;
  }
  return { blocks, headings, firstOther };
}

function notesById(root: Element | undefined, reader: BodyReader): Map<string, Paragraph[]> {
  const out = new Map<string, Paragraph[]>();
  for (const note of [...childrenNamed(root, 'footnote'), ...childrenNamed(root, 'endnote')]) {
    const type = attr(note, 'type');
    // Separators and continuation notices are Word's furniture, not footnotes.
    if (type && type !== 'normal') continue;
    out.set(attr(note, 'id') ?? '', reader.paragraphs(note, false));
  }
  return out;
}

/** comments.xml, with the threads of commentsExtended.xml (Word 2013+): replies follow their comment. */
function readComments(pkg: WordPackage, reader: BodyReader): Map<string, WordComment> {
  const out = new Map<string, WordComment>();
  const byParaId = new Map<string, string>();
  for (const el of childrenNamed(pkg.related('comments'), 'comment')) {
    const id = attr(el, 'id') ?? '';
    const paragraphs = reader.paragraphs(el, false);
    out.set(id, { id, author: attr(el, 'author') ?? '', date: attr(el, 'date') ?? '', text: paragraphs.map((p) => plainText(p.pieces)).join(' '), replies: [] });
    const ps = childrenNamed(el, 'p');
    const last = ps[ps.length - 1];
    const paraId = last ? attr(last, 'paraId') : undefined;
    if (paraId) byParaId.set(paraId, id);
  }
  const replies = new Set<string>();
  const extended = pkg.related('commentsExtended');
  for (const ex of extended ? descendants(extended, 'commentEx') : []) {
    const parent = byParaId.get(attr(ex, 'paraIdParent') ?? '');
    const self = byParaId.get(attr(ex, 'paraId') ?? '');
    if (parent === undefined || self === undefined || parent === self || replies.has(self)) continue;
    out.get(parent)!.replies.push(self);
    replies.add(self);
  }
  return out;
}

function coreTitle(pkg: WordPackage): string | undefined {
  const core = pkg.part('docProps/core.xml');
  const title = core ? child(core, 'title')?.textContent : undefined;
  return title?.replace(SPACES, ' ').trim() || undefined;
}

const LABEL_CHAR = /[\p{L}\p{N}._-]/u;

/**
 * Comment labels from authors: a Treatymark label is one word of at most 16 letters, digits,
 * `.`, `_` or `-`. "Michael Williamson" → `M.Williamson`; an empty author → `Anonymous`;
 * two authors never share a label.
 */
export class CommentLabels {
  private readonly byAuthor = new Map<string, string>();
  private readonly authorOf = new Map<string, string>();

  labelOf(author: string): string {
    const known = this.byAuthor.get(author);
    if (known) return known;
    const base = labelFrom(author);
    let label = base;
    for (let n = 2; this.authorOf.has(label); n++) label = `${base.slice(0, 16 - String(n).length - 1)}-${n}`;
    this.byAuthor.set(author, label);
    this.authorOf.set(label, author);
    return label;
  }

  /** Labels that differ from their author's name: written in the front matter. */
  renamed(): [string, string][] {
    return [...this.authorOf].filter(([label, author]) => label !== author);
  }
}

function labelFrom(author: string): string {
  const words = author
    .split(' ')
    .map((w) => [...w].filter((c) => LABEL_CHAR.test(c)).join(''))
    .filter((w) => w !== '');
  const trim = (s: string) => {
    let a = 0;
    while (a < s.length && '._-'.includes(s[a])) a++;
    let b = s.length;
    while (b > a && '._-'.includes(s[b - 1])) b--;
    return s.slice(a, b);
  };
  const joined = trim(words.join('-'));
  if (joined === '') return 'Anonymous';
  if (joined.length <= 16) return joined;
  const short = trim(`${words.slice(0, -1).map((w) => w[0]).join('.')}.${words[words.length - 1]}`);
  if (words.length > 1 && short.length <= 16) return short;
  return trim(joined.slice(0, 16));
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/** At most 80 characters of a change's text, on one line. */
function excerpt(text: string): string {
  const t = text.replace(SPACES, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}

function frontMatter(title: string | undefined, changes: ChangeRecord[], renamed: [string, string][]): string {
  const lines: string[] = [];
  if (title) lines.push(`title: ${yamlString(title)}`);
  if (changes.length > 0) {
    // CriticMarkup has no place for an author: who proposed each change, in the order of the text.
    lines.push('tracked-changes:');
    for (const c of changes) {
      const date = c.date.length >= 10 ? c.date.slice(0, 10) : c.date;
      lines.push(`  - { author: ${yamlString(c.author)}${date ? `, date: ${yamlString(date)}` : ''}, ${c.kind === 'insert' ? 'inserted' : 'deleted'}: ${yamlString(excerpt(c.text))} }`);
    }
  }
  if (renamed.length > 0) {
    lines.push('comment-authors:');
    for (const [label, author] of renamed) lines.push(`  ${yamlString(label)}: ${yamlString(author)}`);
  }
  return lines.length > 0 ? `---\n${lines.join('\n')}\n---\n\n` : '';
}
