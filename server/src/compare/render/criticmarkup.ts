// `--format criticmarkup`: the new text with what differs from the old marked as tracked
// changes, so the editor's accept/reject actions work on it. Accepting every change gives the
// new text exactly; where nothing moved, rejecting every change gives the old text exactly
// (a moved article stands deleted at its old place and changed at its new one). The front
// matter is the new draft's as it stands: it is metadata, and the parser reads no marks in it.
//
// Every mark is written so that the parser reads it back as written: no change holds another
// change's opener or its own closer, a substitution holds no `~>`. The drafts' own tracked
// changes are settled before comparing (words.ts), so accepting every change gives the new
// draft with its own changes accepted, and rejecting every change the old draft with its own
// rejected and its comments left out.
import type { Comparison } from '../compare';
import { articleNumber } from '../labels';
import type { Op, Token } from '../words';

/** A heading of an article in the rendered text, for a hover that gives its former number. */
export interface HeadingNote {
  /** 0-based line of the rendered text. */
  line: number;
  old: string | null;
  new: string | null;
  status: string;
  renumbered: boolean;
  moved: boolean;
}

export function renderCriticMarkup(c: Comparison): string {
  return renderCriticMarkupWithHeadings(c).text;
}

export function renderCriticMarkupWithHeadings(c: Comparison): { text: string; headings: HeadingNote[] } {
  const w = new Writer(c);
  const headings: HeadingNote[] = [];
  for (const piece of c.pieces) {
    if (piece.type === 'text') {
      if (piece.frontMatter) w.verbatim(piece.op.new);
      else w.op(piece.op);
      continue;
    }
    const row = piece.row;
    headings.push({
      line: w.line(piece.side === 'old' ? 'going' : 'coming'),
      old: row.old ? articleNumber(row.old) : null,
      // The old place of a moved article: it is no longer here.
      new: piece.side === 'old' || !row.new ? null : articleNumber(row.new),
      status: piece.side === 'old' && row.status !== 'deleted' ? 'moved away' : row.status,
      renumbered: row.renumbered,
      moved: row.moved,
    });
    // A moved article is inserted whole at its new place, as it is deleted whole at its old one.
    if (piece.side === 'both' && !row.moved) for (const op of row.ops) w.op(op);
    else if (piece.side === 'old') w.removed(row.tokens.old);
    else w.added(row.tokens.new);
  }
  return { text: w.text(), headings };
}

class Writer {
  private readonly parts: string[] = [];
  private lines = 0;
  /** What went and what came since the last equal text: written as one deletion and one insertion. */
  private going = '';
  private coming = '';

  constructor(private readonly c: Comparison) {}

  text(): string {
    this.flush();
    return this.parts.join('');
  }

  /** 0-based line where the next text goes: `going` for a deletion, else after what is pending. */
  line(next: 'going' | 'coming'): number {
    return this.lines + breaks(this.going) + (next === 'coming' ? breaks(this.coming) : 0);
  }

  private flush(): void {
    const going = this.going;
    const coming = this.coming;
    this.going = this.coming = '';
    this.write(wrap('--', going));
    this.write(wrap('++', coming));
  }

  private put(s: string): void {
    this.flush();
    this.write(s);
  }

  private write(s: string): void {
    if (!s) return;
    this.parts.push(s);
    this.lines += breaks(s);
  }

  private raw(side: 'old' | 'new', t: Token): string {
    return this.c[side].treaty.text.slice(t.start, t.end);
  }

  verbatim(tokens: Token[]): void {
    for (const t of tokens) this.put(this.raw('new', t));
  }

  op(op: Op): void {
    if (op.type === 'equal') {
      op.new.forEach((t, i) => {
        const before = this.raw('old', op.old[i]);
        const after = this.raw('new', t);
        // Equal by what it stands for, written otherwise: a renumbered reference.
        if (before === after) this.put(after);
        else this.substitute(before, after);
      });
      return;
    }
    if (op.old.length && op.new.length) {
      const before = op.old.map((t) => this.raw('old', t)).join('');
      const after = op.new.map((t) => this.raw('new', t)).join('');
      this.substitute(before, after);
      return;
    }
    this.removed(op.old);
    this.added(op.new);
  }

  removed(tokens: Token[]): void {
    this.going += tokens.map((t) => this.raw('old', t)).join('');
  }

  added(tokens: Token[]): void {
    this.coming += tokens.map((t) => this.raw('new', t)).join('');
  }

  private substitute(before: string, after: string): void {
    const unsafe = (s: string) => s.includes('~>') || s.includes('~~}') || /\{(\+\+|--|~~)/.test(s);
    // Across lines, a deletion then an insertion reads better than one long substitution.
    const lines = (s: string) => s.includes('\n') || s.includes('\r');
    if (!before || !after || unsafe(before) || unsafe(after) || lines(before) || lines(after) || this.going || this.coming) {
      this.going += before;
      this.coming += after;
    } else this.put(`{~~${before}~>${after}~~}`);
  }
}

/** Line breaks in a text, a lone CR counted too, as the editor counts lines. */
function breaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * `{--content--}`, split where the content holds the closer (`--}` inside a deletion ends it):
 * `a --} b` becomes `{--a ---}{---} b--}`, which reads back as the same two pieces.
 */
export function wrap(mark: '--' | '++', content: string): string {
  if (!content) return '';
  const closer = `${mark}}`;
  let out = '';
  let rest = content;
  for (let at = rest.indexOf(closer); at >= 0; at = rest.indexOf(closer)) {
    out += `{${mark}${rest.slice(0, at + 1)}${mark}}`;
    rest = rest.slice(at + 1);
  }
  return out + `{${mark}${rest}${mark}}`;
}
