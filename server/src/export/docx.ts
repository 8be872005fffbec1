// The treaty as a Word document to circulate (the `docx` package writes the OOXML):
// headings for chapters and articles, paragraph and subparagraph numbers as printed with a
// hanging indent, italics, footnotes, the interpretative notes after the text. Tracked
// changes are real Word revisions (w:ins/w:del with an author) and comments real Word
// comments anchored on the text they comment, so the recipient accepts, rejects and answers
// them in Word.
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ICommentOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { buildDocument, type DocNode, type Para, type PubDoc } from './document';
import type { Inline } from './inline';
import type { Treaty } from '../model/types';

export interface DocxOptions {
  /**
   * The author Word shows on tracked changes and unlabelled comments; default: front matter
   * `author:`, else "Treatymark". A change listed in the front matter's `tracked-changes:` (as
   * the Word import writes it) keeps its own author and date; a labelled comment (`{>>A12: …<<}`)
   * is by its label, or by the name `comment-authors:` gives the label.
   */
  author?: string;
  /** When the changes and comments were made (ISO 8601); default: now. */
  date?: string;
}

/** The .docx file's bytes. */
export async function renderDocx(doc: PubDoc, options: DocxOptions = {}): Promise<Uint8Array> {
  const w = new DocxWriter(doc, options);
  const document = w.document();
  return new Uint8Array(await Packer.toBuffer(document));
}

export function treatyToDocx(treaty: Parameters<typeof buildDocument>[0], options: DocxOptions = {}): Promise<Uint8Array> {
  return renderDocx(buildDocument(treaty), options);
}

/** Twentieths of a point per indentation step (1 cm). */
const STEP = 567;

interface RunState {
  italics?: boolean;
  change?: { kind: 'ins' | 'del'; index: number };
}

interface Revision {
  author: string;
  date: string;
}

class DocxWriter {
  private readonly body: Paragraph[] = [];
  private readonly footnotes: Record<number, { children: Paragraph[] }> = {};
  private nextFootnote = 1;
  private nextRevision = 1;
  private readonly commentsStarted = new Set<number>();
  private readonly author: string;
  private readonly date: string;
  private readonly revisions: Map<string, Revision>;
  private readonly commentAuthors: Record<string, string>;

  constructor(
    private readonly doc: PubDoc,
    options: DocxOptions,
  ) {
    const fmAuthor = doc.treaty.frontMatter.data.author;
    this.author = options.author ?? (typeof fmAuthor === 'string' ? fmAuthor : 'Treatymark');
    this.date = options.date ?? new Date().toISOString();
    this.revisions = recordedRevisions(doc.treaty);
    const named = doc.treaty.frontMatter.data['comment-authors'];
    this.commentAuthors = named && typeof named === 'object' ? (named as Record<string, string>) : {};
  }

  document(): Document {
    const d = this.doc;
    if (d.symbol) this.body.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: d.symbol, size: 18 })] }));
    if (d.status) this.body.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: d.status.toUpperCase(), size: 18 })] }));
    this.body.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: d.title })] }));
    for (const p of d.front) this.para(p, 0);
    for (const n of d.roots) this.root(n);
    const head = d.shortTitle && d.symbol ? `${d.shortTitle} · ${d.symbol}` : (d.symbol ?? d.shortTitle ?? '');
    return new Document({
      creator: 'Treatymark',
      title: d.title,
      description: d.status,
      styles: STYLES,
      features: { trackRevisions: d.treaty.changes.length > 0 },
      footnotes: this.footnotes,
      comments: { children: this.commentEntries() },
      sections: [
        {
          properties: { page: { margin: { top: 1247, bottom: 1134, left: 1134, right: 1134 } } },
          headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: head, size: 16 })] })] }) },
          footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 16 })] })] }) },
          children: this.body,
        },
      ],
    });
  }

  private commentEntries(): ICommentOptions[] {
    return this.doc.comments.map((c) => {
      const named = c.labelled ? this.commentAuthors[c.label] : undefined;
      const author = c.labelled ? (typeof named === 'string' ? named : c.label) : this.author;
      return {
        id: c.n,
        author,
        initials: initials(author),
        date: new Date(this.date),
        children: [new Paragraph({ children: [new TextRun(c.body)] })],
      };
    });
  }

  private root(n: DocNode): void {
    if (n.kind === 'preamble' || n.kind === 'closing' || n.kind === 'notes') {
      if (n.heading.length && n.kind !== 'closing') {
        this.body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, pageBreakBefore: n.kind === 'notes', children: this.runs(n.heading) }));
      }
      for (const p of n.paras) if (p.role !== 'formula') this.para(p, 0, n.kind !== 'notes');
      for (const c of n.children) this.unit(c, 0);
      for (const p of n.paras) if (p.role === 'formula') this.para(p, 0, true);
      return;
    }
    this.unit(n, 0);
  }

  /** A division gets a heading; a numbered unit its number, a tab and its text, with a hanging indent by depth. */
  private unit(n: DocNode, depth: number): void {
    if (HEADINGS[n.kind] !== undefined || n.kind === 'noteGroup') {
      const children: ParagraphChild[] = [];
      if (n.num) children.push(new TextRun({ text: n.num }));
      if (n.num && n.heading.length) children.push(new TextRun({ text: '', break: 1 }));
      children.push(...this.runs(n.heading, n.kind === 'noteGroup' ? { italics: true } : {}));
      const heading = n.kind === 'noteGroup' ? HeadingLevel.HEADING_3 : HEADINGS[n.kind];
      this.body.push(new Paragraph({ heading, alignment: AlignmentType.CENTER, keepNext: true, children }));
      for (const p of n.paras) this.para(p, 0);
      for (const c of n.children) this.unit(c, 0);
      return;
    }
    const numbered = !!n.num;
    n.paras.forEach((p, i) => {
      // Recitals and unnumbered text open with an indented first line, numbered units hang their number.
      const indent = numbered ? { left: STEP * (depth + 1), hanging: i === 0 ? STEP : 0 } : { left: STEP * depth, firstLine: n.kind === 'recital' ? STEP : 0 };
      const lead = i === 0 && numbered ? [new TextRun({ text: `${n.num}\t` })] : [];
      this.body.push(new Paragraph({ indent, spacing: { after: 120 }, children: [...lead, ...this.runs(p.content)] }));
    });
    if (numbered && n.paras.length === 0) this.body.push(new Paragraph({ indent: { left: STEP * (depth + 1), hanging: STEP }, children: [new TextRun({ text: n.num })] }));
    for (const c of n.children) this.unit(c, numbered ? depth + 1 : depth);
  }

  private para(p: Para, depth: number, firstLine = false): void {
    const options: IParagraphOptions = {
      indent: firstLine ? { left: STEP * depth, firstLine: STEP } : { left: STEP * depth },
      alignment: p.role === 'title' ? AlignmentType.CENTER : undefined,
      spacing: { after: 120 },
      children: this.runs(p.content),
    };
    this.body.push(new Paragraph(options));
  }

  /** The runs of an inline tree: italics and revisions carried down, comments and footnotes where they stand. */
  private runs(nodes: readonly Inline[], state: RunState = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const n of nodes) this.run(n, state, out);
    return out;
  }

  private run(n: Inline, state: RunState, out: ParagraphChild[]): void {
    switch (n.t) {
      case 'text':
        if (n.text) out.push(this.textRun(n.text, state));
        return;
      case 'em':
        for (const c of n.c) this.run(c, { ...state, italics: true }, out);
        return;
      case 'ins':
      case 'del':
      case 'mark':
        if (n.comment) this.startComment(n.comment.n, out);
        for (const c of n.c) this.run(c, n.t === 'mark' ? state : { ...state, change: { kind: n.t, index: n.change } }, out);
        return;
      case 'comment':
        this.startComment(n.comment.n, out);
        out.push(new CommentRangeEnd(n.comment.n), new TextRun({ children: [new CommentReference(n.comment.n)] }));
        return;
      case 'fn': {
        const id = this.nextFootnote++;
        this.footnotes[id] = { children: [new Paragraph({ children: this.runs(n.note.content) })] };
        out.push(new FootnoteReferenceRun(id));
        return;
      }
      default:
        for (const c of n.c) this.run(c, state, out);
    }
  }

  private startComment(id: number, out: ParagraphChild[]): void {
    if (this.commentsStarted.has(id)) return;
    this.commentsStarted.add(id);
    out.push(new CommentRangeStart(id));
  }

  private textRun(text: string, state: RunState): ParagraphChild {
    if (!state.change) return new TextRun({ text, italics: state.italics });
    const recorded = this.revisions.get(`${state.change.index}:${state.change.kind}`);
    const revision = { id: this.nextRevision++, author: recorded?.author ?? this.author, date: recorded?.date || this.date, text, italics: state.italics };
    return state.change.kind === 'ins' ? new InsertedTextRun(revision) : new DeletedTextRun(revision);
  }
}

/**
 * Who made each change, from the front matter's `tracked-changes:` (one entry per insertion
 * or deletion in the order of the text, a substitution being a deletion then an insertion):
 * `index:ins` / `index:del` of treaty.changes. An entry is taken only when its kind and the
 * start of its text agree with the change, so a text edited since keeps the others right.
 */
function recordedRevisions(treaty: Treaty): Map<string, Revision> {
  const out = new Map<string, Revision>();
  const list = treaty.frontMatter.data['tracked-changes'];
  if (!Array.isArray(list)) return out;
  const pieces: { key: string; kind: 'inserted' | 'deleted'; text: string }[] = [];
  const slice = (a: number, b: number) => treaty.text.slice(a, b);
  treaty.changes.forEach((c, i) => {
    if (c.kind === 'substitute' && c.separator !== undefined) {
      pieces.push({ key: `${i}:del`, kind: 'deleted', text: slice(c.content.start, c.separator) });
      pieces.push({ key: `${i}:ins`, kind: 'inserted', text: slice(c.separator + 2, c.content.end) });
    } else pieces.push({ key: `${i}:${c.kind === 'insert' ? 'ins' : 'del'}`, kind: c.kind === 'insert' ? 'inserted' : 'deleted', text: slice(c.content.start, c.content.end) });
  });
  let k = 0;
  for (const p of pieces) {
    const entry = list[k] as Record<string, unknown> | undefined;
    if (!entry || typeof entry !== 'object') break;
    const excerpt = typeof entry[p.kind] === 'string' ? oneLine(entry[p.kind] as string) : undefined;
    const head = excerpt?.endsWith('…') ? excerpt.slice(0, -1) : excerpt;
    if (head === undefined || !oneLine(p.text).startsWith(head)) continue;
    k++;
    const date = typeof entry.date === 'string' && entry.date.length === 10 ? `${entry.date}T00:00:00Z` : typeof entry.date === 'string' ? entry.date : undefined;
    if (typeof entry.author === 'string') out.set(p.key, { author: entry.author, date: date ?? '' });
  }
  return out;
}

function oneLine(s: string): string {
  let out = '';
  let space = false;
  for (const ch of s.trim()) {
    const ws = ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\u00a0';
    if (ws) space = true;
    else {
      if (space && out) out += ' ';
      out += ch;
      space = false;
    }
  }
  return out;
}

const HEADINGS: Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = {
  part: HeadingLevel.HEADING_1,
  chapter: HeadingLevel.HEADING_1,
  annex: HeadingLevel.HEADING_1,
  section: HeadingLevel.HEADING_2,
  article: HeadingLevel.HEADING_2,
};

const STYLES = {
  default: {
    document: { run: { font: 'Times New Roman', size: 23 } },
    title: { run: { font: 'Times New Roman', size: 30, bold: true }, paragraph: { spacing: { before: 240, after: 360 } } },
    heading1: { run: { font: 'Times New Roman', size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 480, after: 240 } } },
    heading2: { run: { font: 'Times New Roman', size: 23, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 180 } } },
    heading3: { run: { font: 'Times New Roman', size: 23, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
  },
};

function initials(name: string): string {
  return (
    name
      .split(' ')
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase())
      .join('')
      .slice(0, 4) || 'T'
  );
}
