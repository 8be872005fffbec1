// Pieces of a Word paragraph → Treatymark inline text: `*italics*`, tracked changes as
// `{++…++}`/`{--…--}`, comments as `{==range==}{>>Author: text<<}` or `{>>Author: text<<}`
// at a point, footnote references as `[^n]`. Marks always nest: italics close before a
// change or a highlight opens or closes, and a change and a highlight that overlap are split
// where they cross, so that accepting, rejecting or dropping one never breaks another.
import type { Paragraph, Piece, Revision } from './docx';

export interface WordComment {
  id: string;
  author: string;
  date: string;
  text: string;
  /** Ids of the replies to this comment, in order. */
  replies: string[];
}

/** A tracked change as written, for the record of who proposed what. */
export interface ChangeRecord {
  kind: Revision['kind'];
  author: string;
  date: string;
  text: string;
}

/** What the writers of one document share: comments, labels, footnotes, the changes written. */
export interface DocumentContext {
  comments: Map<string, WordComment>;
  /** A reply → the comment it answers. */
  parentOf: Map<string, string>;
  /** Comment author → the label written before the comment. */
  labelOf(author: string): string;
  /** The paragraphs of a footnote or endnote. */
  note(kind: 'footnote' | 'endnote', id: string): Paragraph[] | undefined;
  changes: ChangeRecord[];
  emittedComments: Set<string>;
  /** Footnotes numbered so far. */
  noteCount: number;
}

interface Open {
  kind: 'change' | 'highlight';
  /** Where the mark's content starts in the output. */
  at?: number;
  revision?: Revision;
  record?: ChangeRecord;
  commentId?: string;
}

const OPENERS = { insert: ['{++', '++}'], delete: ['{--', '--}'] } as const;

/**
 * Literal text that would read as markup is escaped: a `{` opening CriticMarkup, a `[^`
 * footnote reference, a backslash before a special character.
 */
export function escapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text.slice(i + 1, i + 3);
    if (c === '{' && (next === '++' || next === '--' || next === '~~' || next === '==' || next === '>>')) out += '\\{';
    else if (c === '[' && text[i + 1] === '^') out += '\\[';
    else if (c === '\\' && '[]{\\'.includes(text[i + 1] ?? '')) out += '\\\\';
    else out += c;
  }
  return out;
}

/** A comment's text on one line, without anything that would close it early. */
export function commentBody(text: string): string {
  return text.replace(WHITE_SPACE, ' ').trim().split('<<}').join('<< }');
}

const WHITE_SPACE = /\s+/g;

export class InlineWriter {
  private out = '';
  private italic = false;
  private readonly stack: Open[] = [];
  /** The footnotes referred to in the paragraph, defined after it. */
  private readonly footnotes: { label: string; paragraphs: Paragraph[] }[] = [];

  /** `plain`: no italics (a heading's emphasis is its style, not the text's). */
  constructor(
    private readonly ctx: DocumentContext,
    private readonly plain = false,
  ) {}

  paragraph(pieces: Piece[]): string {
    for (const piece of pieces) this.piece(piece);
    this.finish();
    return this.out;
  }

  private piece(piece: Piece): void {
    switch (piece.type) {
      case 'text':
        this.setRevision(piece.revision);
        this.text(piece.text, piece.italic && !this.plain);
        break;
      case 'note':
        this.setRevision(piece.revision);
        this.closeItalic();
        this.footnote(piece.kind, piece.id);
        break;
      case 'commentStart':
      case 'commentEnd':
      case 'commentRef':
        // A comment anchored outside a change ends the change first: `{++x++}{>>A: …<<}`.
        this.setRevision(piece.revision);
        this.anchor(piece);
        break;
    }
  }

  private anchor(piece: Extract<Piece, { id: string }>): void {
    switch (piece.type) {
      case 'commentStart':
        // One highlight at a time: CriticMarkup highlights do not nest. A range that starts
        // inside another keeps its comment, written where Word anchors it.
        if (!this.stack.some((o) => o.kind === 'highlight') && this.ctx.comments.has(piece.id) && !this.ctx.emittedComments.has(piece.id) && !this.waitsForParent(piece.id)) {
          this.closeItalic();
          this.push({ kind: 'highlight', commentId: piece.id });
        }
        break;
      case 'commentEnd':
        if (this.stack.some((o) => o.kind === 'highlight' && o.commentId === piece.id)) this.closeHighlight();
        break;
      case 'commentRef':
        if (!this.ctx.emittedComments.has(piece.id) && !this.stack.some((o) => o.commentId === piece.id) && !this.waitsForParent(piece.id)) {
          this.closeItalic();
          this.comment(piece.id);
        }
        break;
    }
  }

  /** A reply is written right after the comment it answers, wherever Word anchors it. */
  private waitsForParent(id: string): boolean {
    const parent = this.ctx.parentOf.get(id);
    return parent !== undefined && !this.ctx.emittedComments.has(parent);
  }

  /** Closes what is open at the end of the paragraph: a range running on is ended here. */
  private finish(): void {
    this.closeItalic();
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (top.kind === 'highlight') this.closeHighlight();
      else this.close('change');
    }
  }

  private setRevision(revision: Revision | undefined): void {
    const open = this.stack.find((o) => o.kind === 'change');
    if (open && revision && open.revision!.kind === revision.kind && open.revision!.author === revision.author) return;
    if (!open && !revision) return;
    this.closeItalic();
    if (open) this.close('change');
    if (revision) {
      const record: ChangeRecord = { kind: revision.kind, author: revision.author, date: revision.date, text: '' };
      this.ctx.changes.push(record);
      this.push({ kind: 'change', revision, record });
    }
  }

  private text(raw: string, italic: boolean): void {
    const text = escapeText(raw);
    if (italic && !this.italic && text.trim() !== '') {
      const lead = text.length - text.trimStart().length;
      this.write(text.slice(0, lead));
      this.write('*');
      this.italic = true;
      this.write(text.slice(lead));
      return;
    }
    if (!italic && this.italic && text.trim() !== '') this.closeItalic();
    this.write(text);
  }

  private write(s: string): void {
    this.out += s;
    for (const o of this.stack) if (o.record) o.record.text += s;
  }

  /** Ends an italic span, leaving its trailing white space outside the asterisk. */
  private closeItalic(): void {
    if (!this.italic) return;
    this.italic = false;
    const trimmed = this.out.trimEnd();
    const ws = this.out.slice(trimmed.length);
    this.out = trimmed;
    for (const o of this.stack) if (o.record) o.record.text = o.record.text.slice(0, o.record.text.length - ws.length);
    this.write(`*${ws}`);
  }

  private push(open: Open): void {
    this.write(open.kind === 'highlight' ? '{==' : OPENERS[open.revision!.kind][0]);
    this.stack.push({ ...open, at: this.out.length });
  }

  /** Closes the innermost open mark of `kind`, closing and reopening the marks inside it. */
  private close(kind: Open['kind']): Open | undefined {
    const at = this.stack.map((o) => o.kind).lastIndexOf(kind);
    if (at < 0) return undefined;
    const inner = this.stack.splice(at + 1);
    for (let i = inner.length - 1; i >= 0; i--) this.closeText(inner[i]);
    const [closed] = this.stack.splice(at, 1);
    this.closeText(closed);
    if (kind === 'highlight') this.afterHighlight(closed);
    for (const o of inner) {
      if (o.kind === 'change') {
        const record: ChangeRecord = { ...o.record!, text: '' };
        this.ctx.changes.push(record);
        this.push({ ...o, record });
      } else this.push(o);
    }
    return closed;
  }

  private closeText(o: Open): void {
    // An empty range (Word writes one for a comment on a point) is no highlight, and an empty
    // change (a piece of a change split around a mark) no change.
    if (o.at === this.out.length) {
      this.out = this.out.slice(0, -3);
      for (const r of this.stack) if (r.record) r.record.text = r.record.text.slice(0, -3);
      if (o.record) this.ctx.changes.splice(this.ctx.changes.lastIndexOf(o.record), 1);
      return;
    }
    this.write(o.kind === 'highlight' ? '==}' : OPENERS[o.revision!.kind][1]);
  }

  private closeHighlight(): void {
    this.closeItalic();
    this.close('highlight');
  }

  /** The comment of a highlight follows it at once, with its replies. */
  private afterHighlight(closed: Open): void {
    if (closed.commentId !== undefined) this.comment(closed.commentId);
  }

  private comment(id: string): void {
    const c = this.ctx.comments.get(id);
    if (!c || this.ctx.emittedComments.has(id)) return;
    this.ctx.emittedComments.add(id);
    this.write(`{>>${this.ctx.labelOf(c.author)}: ${commentBody(c.text)}<<}`);
    for (const reply of c.replies) this.comment(reply);
  }

  private footnote(kind: 'footnote' | 'endnote', id: string): void {
    const paragraphs = this.ctx.note(kind, id);
    if (!paragraphs) return;
    const label = String(++this.ctx.noteCount);
    this.write(`[^${label}]`);
    this.footnotes.push({ label, paragraphs });
  }

  /**
   * The footnote definitions of the paragraph, each on one line: written (and their changes
   * recorded) after the paragraph, in the order of the text.
   */
  noteLines(): string[] {
    return this.footnotes.map(({ label, paragraphs }) => {
      const text = paragraphs
        .map((p) => new InlineWriter(this.ctx).paragraph(p.pieces))
        .join(' ')
        .replace(WHITE_SPACE, ' ')
        .trim();
      return `[^${label}]: ${text}`;
    });
  }
}
