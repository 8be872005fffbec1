// The words of one stretch of text with what the model knows about them, as a tree every
// output walks: emphasis, defined terms and their uses, cross-references with their targets,
// footnote references, tracked changes, comments and square brackets. The model's spans may
// overlap without nesting (a bracket opened inside a reference and closed after it); each
// mark is then split where it crosses another, so every output gets a proper tree and no
// word is lost or repeated.
import type { Definition, Reference, Treaty, Unit } from '../model/types';
import { firstAt } from '../syntax/text';

export interface TermInfo {
  definition: Definition;
  /** The TLCTerm eId in AKN, the id of the defining occurrence in HTML. */
  id: string;
}

export interface FootnoteInfo {
  label: string;
  /** The footnote's own text, built lazily (it may cite and use terms too). */
  content: Inline[];
  referenced: boolean;
}

export interface CommentInfo {
  /** 1, 2, … in document order. */
  n: number;
  /** `A12` in `{>>A12: …<<}`, or `Comment n`. */
  label: string;
  /** The comment as written, label included. */
  text: string;
  /** The comment without its label (`text` when it has none). */
  body: string;
  /** Written with a label (`A12: …`), which Word shows as the comment's author. */
  labelled: boolean;
  /** What it is written right after (a highlight or a change); none for a bare comment. */
  anchored: boolean;
}

export type RefKind = 'link' | 'group' | 'external' | 'dangling' | 'placeholder';

export type Container =
  | { t: 'em'; c: Inline[] }
  | { t: 'def'; term: TermInfo; c: Inline[] }
  | { t: 'term'; term: TermInfo; c: Inline[] }
  /** `link`: `href` is `#eId` (or the instrument's IRI for `external`); `group` holds a `link` per number. */
  | { t: 'ref'; kind: RefKind; ref: Reference; href?: string; c: Inline[] }
  | { t: 'ins' | 'del'; change: number; comment?: CommentInfo; c: Inline[] }
  | { t: 'mark'; comment?: CommentInfo; c: Inline[] }
  | { t: 'bracket'; alternative: boolean; c: Inline[] };

export type Inline = { t: 'text'; text: string } | { t: 'fn'; note: FootnoteInfo } | { t: 'comment'; comment: CommentInfo } | Container;

/**
 * How one output format writes each kind of inline, one entry per kind (the compiler checks
 * that none is missing); `inner` renders the children. HTML and Akoma Ntoso each give one.
 */
export type InlineMarkup = { [K in Inline['t']]: (n: InlineOf<K>, inner: () => string) => string };

/** The inline kinds whose tag can be `K` (`ins` and `del` share one shape). */
type InlineOf<K extends Inline['t'], N extends Inline = Inline> = N extends Inline ? (K extends N['t'] ? N : never) : never;

/** Renders `n` with a format's markup: the one dispatch over inline kinds. */
export function renderInline(n: Inline, markup: InlineMarkup, inner: () => string): string {
  return (markup[n.t] as (n: Inline, inner: () => string) => string)(n, inner);
}

interface Mark {
  start: number;
  end: number;
  /** Outer first when two marks cover the same text. */
  rank: number;
  make(): Container;
}

interface Point {
  at: number;
  /** The text the point replaces (`[^1]`, `{>>…<<}`), hidden from the words. */
  end: number;
  node: Inline;
}

export interface InlineSources {
  eIdOf(unit: Unit): string;
  termOf(definition: Definition): TermInfo;
  footnote(label: string): FootnoteInfo | undefined;
  /** An external instrument's IRI. */
  instrumentHref(ref: Reference): string;
}

/** Everything the tree is built from, gathered once per treaty and looked up per stretch. */
export class InlineIndex {
  /** Marks within one line, by start. */
  private readonly short: Mark[] = [];
  /** Marks across a line break, few: checked against every stretch. */
  private readonly long: Mark[] = [];
  private readonly points: Point[] = [];
  /** Points whose hidden text runs across a line break (a comment over two lines). */
  private readonly longPoints: Point[] = [];
  readonly comments: CommentInfo[] = [];

  constructor(
    private readonly treaty: Treaty,
    sources: InlineSources,
  ) {
    const marks: Mark[] = [];
    this.criticMarks(marks);
    this.referenceMarks(marks, sources);
    for (const d of treaty.definitions) {
      const term = sources.termOf(d);
      marks.push({ start: d.span.start, end: d.span.end, rank: 5, make: () => ({ t: 'def', term, c: [] }) });
    }
    for (const u of treaty.uses) {
      const term = sources.termOf(u.definition);
      marks.push({ start: u.span.start, end: u.span.end, rank: 5, make: () => ({ t: 'term', term, c: [] }) });
    }
    this.bracketMarks(marks);
    for (const r of treaty.syntax.footnoteRefs) {
      const note = sources.footnote(r.label);
      if (note) this.points.push({ at: r.span.start, end: r.span.end, node: { t: 'fn', note } });
    }
    const text = treaty.text;
    const all = this.points.splice(0);
    for (const p of all) (crossesLine(text, p.at, p.end) ? this.longPoints : this.points).push(p);
    this.points.sort((a, b) => a.at - b.at);
    for (const m of marks) {
      if (m.end <= m.start) continue;
      (crossesLine(text, m.start, m.end) ? this.long : this.short).push(m);
    }
    this.short.sort((a, b) => a.start - b.start);
  }

  private criticMarks(marks: Mark[]): void {
    const t = this.treaty;
    const anchors = new Map<number, CommentInfo>();
    const changeIndex = new Map(t.changes.map((c, i) => [c, i]));
    t.comments.forEach((c, i) => {
      const text = t.text.slice(c.content.start, c.content.end).trim();
      const label = commentLabel(text);
      const body = label ? text.slice(text.indexOf(':') + 1).trim() : text;
      const info: CommentInfo = { n: i + 1, label: label ?? `Comment ${i + 1}`, text, body, labelled: !!label, anchored: false };
      this.comments.push(info);
      anchors.set(c.span.start, info);
      this.points.push({ at: c.span.start, end: c.span.end, node: { t: 'comment', comment: info } });
    });
    t.syntax.critic.forEach((c) => {
      if (c.kind === 'comment') return;
      const comment = c.closed ? anchors.get(c.span.end) : undefined;
      if (comment) comment.anchored = true;
      const change = changeIndex.get(c) ?? -1;
      const open = c.span.start + 3;
      const close = c.closed ? c.span.end - 3 : c.span.end;
      const hide = (start: number, end: number) => this.points.push({ at: start, end, node: { t: 'text', text: '' } });
      hide(c.span.start, open);
      if (c.closed) hide(close, c.span.end);
      if (c.kind === 'highlight') marks.push({ start: c.span.start, end: c.span.end, rank: 1, make: () => ({ t: 'mark', comment, c: [] }) });
      else if (c.kind === 'substitute' && c.separator !== undefined) {
        hide(c.separator, c.separator + 2);
        marks.push({ start: c.span.start, end: c.separator, rank: 0, make: () => ({ t: 'del', change, comment, c: [] }) });
        marks.push({ start: c.separator + 2, end: c.span.end, rank: 0, make: () => ({ t: 'ins', change, comment, c: [] }) });
      } else {
        const kind = c.kind === 'insert' ? 'ins' : 'del';
        marks.push({ start: c.span.start, end: c.span.end, rank: 0, make: () => ({ t: kind, change, comment, c: [] }) });
      }
    });
  }

  private referenceMarks(marks: Mark[], sources: InlineSources): void {
    for (const ref of this.treaty.references) {
      const { start, end } = ref.span;
      const mark = (kind: RefKind, href?: string) => marks.push({ start, end, rank: 3, make: () => ({ t: 'ref', kind, ref, href, c: [] }) });
      if (ref.kind === 'external') mark('external', sources.instrumentHref(ref));
      else if (ref.kind === 'placeholder') mark('placeholder');
      else {
        const targets = new Map<string, Unit>();
        for (const u of ref.targets) targets.set(sources.eIdOf(u), u);
        if (targets.size === 0) mark('dangling');
        else if (targets.size === 1 && ref.missing.length === 0) mark('link', `#${[...targets.keys()][0]}`);
        else {
          // Several units (a list, a range), or some numbers naming nothing: each number that names a unit links to it.
          mark('group');
          for (const n of ref.numbers) {
            if (!n.unit || !ref.targets.includes(n.unit)) continue;
            const href = `#${sources.eIdOf(n.unit)}`;
            marks.push({ start: n.span.start, end: n.span.end, rank: 4, make: () => ({ t: 'ref', kind: 'link', ref, href, c: [] }) });
          }
        }
      }
    }
  }

  private bracketMarks(marks: Mark[]): void {
    const t = this.treaty;
    const inSet = new Set(t.alternatives.flatMap((a) => a.groups));
    for (const g of t.syntax.brackets) {
      const end = g.close >= 0 ? g.close + 1 : lineEnd(t.text, g.open);
      const alternative = inSet.has(g);
      marks.push({ start: g.open, end, rank: 2, make: () => ({ t: 'bracket', alternative, c: [] }) });
    }
  }

  /** The tree of the text from `start` to `end` (within one line, or across lines for a footnote). */
  build(start: number, end: number): Inline[] {
    const text = this.treaty.text;
    const marks: Mark[] = [];
    for (const m of this.long) if (m.start < end && m.end > start) marks.push(m);
    for (let i = firstAt(this.short, start - 80, (m) => m.start); i < this.short.length && this.short[i].start < end; i++) {
      const m = this.short[i];
      if (m.end > start) marks.push(m);
    }
    const hidden: { start: number; end: number; node?: Inline }[] = [];
    // A point stands where its text starts: a comment begun on an earlier line only hides here.
    const hide = (p: Point) => hidden.push({ start: p.at, end: Math.min(p.end, end), node: p.node.t === 'text' || p.at < start ? undefined : p.node });
    for (const p of this.longPoints) if (p.at < end && p.end > start) hide(p);
    for (let i = firstAt(this.points, start, (x) => x.at); i < this.points.length && this.points[i].at < end; i++) {
      hide(this.points[i]);
    }
    emphasisAndEscapes(text, start, end, marks, hidden);
    return assemble(text, start, end, marks, hidden);
  }
}

/** Emphasis `*…*` within the stretch (its stars hidden), and `\[`-style escapes (the backslash hidden). */
function emphasisAndEscapes(text: string, start: number, end: number, marks: Mark[], hidden: { start: number; end: number }[]): void {
  let open = -1;
  const marked = hidden.slice();
  for (let i = start; i < end; i++) {
    // Stars in hidden text (a comment) are not emphasis.
    if (marked.some((h) => h.start <= i && i < h.end)) continue;
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */ && i + 1 < end && ESCAPABLE.includes(text[i + 1])) {
      hidden.push({ start: i, end: i + 1 });
      i++;
    } else if (c === 0x2a /* * */) {
      const before = text.charCodeAt(i - 1);
      const after = text.charCodeAt(i + 1);
      if (open < 0 && i + 1 < end && !isSpace(after) && after !== 0x2a) open = i;
      else if (open >= 0 && !isSpace(before) && i > open + 1) {
        const from = open;
        marks.push({ start: from, end: i + 1, rank: 6, make: () => ({ t: 'em', c: [] }) });
        hidden.push({ start: from, end: from + 1 }, { start: i, end: i + 1 });
        open = -1;
      }
    }
  }
}

const ESCAPABLE = '\\[]{}*^_#';

/** Splits the stretch at every mark and hidden boundary and builds the tree, segment by segment. */
function assemble(text: string, start: number, end: number, marks: Mark[], hidden: { start: number; end: number; node?: Inline }[]): Inline[] {
  const clipped = marks.map((m) => ({ m, start: Math.max(m.start, start), end: Math.min(m.end, end) })).filter((m) => m.end > m.start);
  // Outer marks first: earlier start, then longer, then by rank.
  clipped.sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end || a.m.rank - b.m.rank);
  const cuts = new Set<number>([start, end]);
  for (const c of clipped) cuts.add(c.start).add(c.end);
  for (const h of hidden) cuts.add(Math.max(start, h.start)).add(Math.min(end, h.end));
  const sorted = [...cuts].filter((x) => x >= start && x <= end).sort((a, b) => a - b);
  const root: Inline[] = [];
  const open: { mark: Mark; node: Container }[] = [];
  const emitted = new Set<Inline>();
  for (let k = 0; k + 1 < sorted.length; k++) {
    const a = sorted[k];
    const b = sorted[k + 1];
    const stack = clipped.filter((c) => c.start <= a && c.end >= b).map((c) => c.m);
    let same = 0;
    while (same < open.length && same < stack.length && open[same].mark === stack[same]) same++;
    open.length = same;
    for (let s = same; s < stack.length; s++) {
      const node = stack[s].make();
      (s === 0 ? root : open[s - 1].node.c).push(node);
      open.push({ mark: stack[s], node });
    }
    const into = open.length ? open[open.length - 1].node.c : root;
    const cover = hidden.find((h) => h.start <= a && h.end >= b);
    if (cover) {
      // A point (footnote, comment) stands where its text starts; the rest of it is hidden.
      if (cover.node && !emitted.has(cover.node)) {
        emitted.add(cover.node);
        into.push(cover.node);
      }
      continue;
    }
    appendText(into, text.slice(a, b));
  }
  return prune(root);
}

function appendText(into: Inline[], s: string): void {
  const last = into[into.length - 1];
  if (last && last.t === 'text') last.text += s;
  else into.push({ t: 'text', text: s });
}

/** Drops containers left empty (a mark whose text was all hidden). */
function prune(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if ('c' in n) {
      n.c = prune(n.c);
      if (n.c.length === 0) continue;
    } else if (n.t === 'text' && n.text === '') continue;
    out.push(n);
  }
  return out;
}

/** The plain words of a tree, as a reader sees them with the marks shown (deletions included). */
export function plainText(nodes: readonly Inline[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.t === 'text') s += n.text;
    else if ('c' in n) s += plainText(n.c);
  }
  return s;
}

function commentLabel(text: string): string | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon > 16) return undefined;
  const label = text.slice(0, colon).trim();
  for (const ch of label) if (!isLabelChar(ch)) return undefined;
  return label || undefined;
}

function isLabelChar(ch: string): boolean {
  const c = ch.toLowerCase();
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '.' || c === '_' || c === '-' || c.toUpperCase() !== c;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || Number.isNaN(c);
}

function crossesLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return text.length;
}


