// A Word document's body as a list of paragraphs of inline pieces: text (italic or not,
// inside a tracked insertion or deletion or not), comment anchors, footnote references.
// Only what a reader sees is read: `w:t` and `w:delText`, never field instructions, hidden
// text or the old properties of a formatting change.
import type { ListNumber, Numbering } from './numbering';
import type { Styles } from './styles';
import { attr, child, children, toggle, val, type Element } from './xml';

/** A tracked change: `w:ins`/`w:moveTo` (insert) or `w:del`/`w:moveFrom` (delete). */
export interface Revision {
  kind: 'insert' | 'delete';
  author: string;
  date: string;
}

export type Piece =
  | { type: 'text'; text: string; italic: boolean; revision?: Revision }
  | { type: 'commentStart' | 'commentEnd' | 'commentRef'; id: string; revision?: Revision }
  | { type: 'note'; kind: 'footnote' | 'endnote'; id: string; revision?: Revision };

export interface Paragraph {
  styleId?: string;
  /** Word's automatic number, when the paragraph is in a list. */
  number?: ListNumber;
  pieces: Piece[];
}

interface RunContext {
  revision?: Revision;
  /** Italic from the paragraph style. */
  paragraphItalic: boolean;
}

export class BodyReader {
  constructor(
    private readonly styles: Styles,
    private readonly numbering?: Numbering,
  ) {}

  /** The paragraphs of a container (the body, a table cell, a footnote, a comment), tables flattened. */
  paragraphs(container: Element | undefined, numbered = true): Paragraph[] {
    const out: Paragraph[] = [];
    const walk = (el: Element) => {
      for (const c of children(el)) {
        switch (c.localName) {
          case 'p':
            out.push(this.paragraph(c, numbered));
            break;
          case 'tbl':
          case 'tr':
          case 'tc':
          case 'sdt':
          case 'sdtContent':
          case 'customXml':
          case 'ins':
          case 'del':
            walk(c);
            break;
        }
      }
    };
    if (container) walk(container);
    return out;
  }

  private paragraph(p: Element, numbered: boolean): Paragraph {
    const pPr = child(p, 'pPr');
    const styleId = val(pPr, 'pStyle');
    const para: Paragraph = { styleId, pieces: [] };
    if (numbered && this.numbering) {
      const numPr = child(pPr, 'numPr');
      const numId = val(numPr, 'numId');
      const ilvl = val(numPr, 'ilvl');
      const ref = numId !== undefined ? { numId, ilvl: ilvl === undefined ? undefined : parseInt(ilvl, 10) || 0 } : this.styles.numbering(styleId);
      if (ref) para.number = this.numbering.next(ref, styleId);
    }
    this.inline(p, { paragraphItalic: this.styles.italic(styleId) ?? false }, para.pieces);
    return para;
  }

  private inline(el: Element, ctx: RunContext, out: Piece[]): void {
    for (const c of children(el)) {
      switch (c.localName) {
        case 'r':
          this.run(c, ctx, out);
          break;
        case 'ins':
        case 'moveTo':
          this.inline(c, { ...ctx, revision: revisionOf(c, 'insert') }, out);
          break;
        case 'del':
        case 'moveFrom':
          this.inline(c, { ...ctx, revision: revisionOf(c, 'delete') }, out);
          break;
        case 'hyperlink':
        case 'smartTag':
        case 'customXml':
        case 'fldSimple':
        case 'dir':
        case 'bdo':
        case 'sdtContent':
          this.inline(c, ctx, out);
          break;
        case 'sdt':
          this.inline(child(c, 'sdtContent') ?? c, ctx, out);
          break;
        case 'commentRangeStart':
          out.push({ type: 'commentStart', id: attr(c, 'id') ?? '', revision: ctx.revision });
          break;
        case 'commentRangeEnd':
          out.push({ type: 'commentEnd', id: attr(c, 'id') ?? '', revision: ctx.revision });
          break;
      }
    }
  }

  private run(r: Element, ctx: RunContext, out: Piece[]): void {
    const rPr = child(r, 'rPr');
    if (toggle(rPr, 'vanish')) return;
    const italic = toggle(rPr, 'i') ?? this.styles.italic(val(rPr, 'rStyle')) ?? ctx.paragraphItalic;
    const text = (t: string) => {
      if (t) out.push({ type: 'text', text: t, italic, revision: ctx.revision });
    };
    for (const c of children(r)) {
      switch (c.localName) {
        case 't':
        case 'delText':
          text(c.textContent ?? '');
          break;
        case 'tab':
        case 'ptab':
          text('\t');
          break;
        case 'br':
        case 'cr':
          text('\n');
          break;
        case 'noBreakHyphen':
          text('-');
          break;
        case 'footnoteReference':
        case 'endnoteReference':
          out.push({ type: 'note', kind: c.localName === 'footnoteReference' ? 'footnote' : 'endnote', id: attr(c, 'id') ?? '', revision: ctx.revision });
          break;
        case 'commentReference':
          out.push({ type: 'commentRef', id: attr(c, 'id') ?? '', revision: ctx.revision });
          break;
      }
    }
  }
}

function revisionOf(el: Element, kind: Revision['kind']): Revision {
  return { kind, author: attr(el, 'author') ?? '', date: attr(el, 'date') ?? '' };
}

/** The text of a paragraph as a reader of the final version sees it: deletions left out. */
export function plainText(pieces: Piece[]): string {
  let out = '';
  for (const p of pieces) if (p.type === 'text' && p.revision?.kind !== 'delete') out += p.text;
  return out;
}
