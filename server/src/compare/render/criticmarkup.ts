// `--format criticmarkup`: the new text with what differs from the old marked as tracked
// changes, so the editor's accept/reject actions work on it. Accepting every change gives the
// new text exactly; where nothing moved, rejecting every change gives the old text exactly
// (a moved article stands deleted at its old place and changed at its new one). The front
// matter is the new draft's as it stands: it is metadata, and the parser reads no marks in it.
//
// Every mark is written so that the parser reads it back as written: no change holds another
// change's opener or its own closer, a substitution holds no `~>`; a draft's own tracked
// change inside a difference is written as what it would leave — the new draft's accepted,
// the old draft's rejected — since changes cannot nest.
import type { Treaty } from '../../model/types';
import { resolvedText } from '../../edits/negotiation';
import type { CriticSpan } from '../../syntax/tree';
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
      line: w.line(),
      old: row.old ? articleNumber(row.old) : null,
      // The old place of a moved article: it is no longer here.
      new: piece.side === 'old' || !row.new ? null : articleNumber(row.new),
      status: piece.side === 'old' && row.status !== 'deleted' ? 'moved away' : row.status,
      renumbered: row.renumbered,
      moved: row.moved,
    });
    if (piece.side === 'both') for (const op of row.ops) w.op(op);
    else if (piece.side === 'old') w.removed(row.tokens.old);
    else w.added(row.tokens.new);
  }
  return { text: w.text(), headings };
}

class Writer {
  private readonly parts: string[] = [];
  private lines = 0;
  private readonly oldChanges: Map<number, CriticSpan>;
  private readonly newChanges: Map<number, CriticSpan>;

  constructor(private readonly c: Comparison) {
    this.oldChanges = changesByStart(c.old.treaty);
    this.newChanges = changesByStart(c.new.treaty);
  }

  text(): string {
    return this.parts.join('');
  }

  /** 0-based line where the next character goes. */
  line(): number {
    return this.lines;
  }

  private put(s: string): void {
    if (!s) return;
    this.parts.push(s);
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) this.lines++;
    // A lone CR ends a line too, as the editor counts lines.
    for (let i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) if (s[i + 1] !== '\n') this.lines++;
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
    const whole = (tokens: Token[]) => !tokens.some((t) => t.kind === 'change');
    if (op.old.length && op.new.length && whole(op.old) && whole(op.new)) {
      const before = op.old.map((t) => this.raw('old', t)).join('');
      const after = op.new.map((t) => this.raw('new', t)).join('');
      this.substitute(before, after);
      return;
    }
    this.removed(op.old);
    this.added(op.new);
  }

  removed(tokens: Token[]): void {
    this.wrapped(tokens, 'old', '--', 'reject');
  }

  added(tokens: Token[]): void {
    this.wrapped(tokens, 'new', '++', 'accept');
  }

  private wrapped(tokens: Token[], side: 'old' | 'new', mark: '--' | '++', decision: 'accept' | 'reject'): void {
    const changes = side === 'old' ? this.oldChanges : this.newChanges;
    const text = this.c[side].treaty.text;
    let run = '';
    for (const t of tokens) {
      const own = t.kind === 'change' ? changes.get(t.start) : undefined;
      if (!own) {
        run += text.slice(t.start, t.end);
        continue;
      }
      this.put(wrap(mark, run));
      run = '';
      this.put(wrap(mark, resolvedText(text, own, decision)));
    }
    this.put(wrap(mark, run));
  }

  private substitute(before: string, after: string): void {
    const unsafe = (s: string) => s.includes('~>') || s.includes('~~}') || /\{(\+\+|--|~~)/.test(s);
    if (!before || !after || unsafe(before) || unsafe(after)) {
      this.put(wrap('--', before));
      this.put(wrap('++', after));
    } else this.put(`{~~${before}~>${after}~~}`);
  }
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

function changesByStart(t: Treaty): Map<number, CriticSpan> {
  return new Map(t.changes.map((c) => [c.span.start, c]));
}
