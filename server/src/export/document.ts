// The one walk every published output is rendered from (HTML, Word, Akoma Ntoso): the
// treaty's units as a tree, each with its number as printed, its heading and its own text
// as paragraphs of inline trees (inline.ts). The walk goes over the syntax blocks in order,
// so every line of text lands in exactly one place, even where the model keeps no unit
// for it (the preamble's framing lines, text under a chapter heading, a `# Final clauses`
// title); footnote texts are taken to where they are cited.
import type { Definition, Reference, Treaty, Unit, UnitKind } from '../model/types';
import type { Block, HeadingNode } from '../syntax/tree';
import { assignEIds, isDissolved } from './ids';
import { InlineIndex, plainText, type CommentInfo, type FootnoteInfo, type Inline, type TermInfo } from './inline';

export interface Para {
  /** 0-based line where it starts in the analysed text. */
  line: number;
  /** Offset where it starts in the analysed text. */
  offset: number;
  content: Inline[];
  /** In the preamble: the line naming the parties (`intro`) or the operative formula (`formula`). A title-only heading: `title`. */
  role?: 'intro' | 'formula' | 'title';
}

export interface DocNode {
  unit: Unit;
  kind: UnitKind;
  /** The AKN eId, also the HTML id. */
  eId: string;
  /** The designation as printed: `Article 17`, `Chapter II`, `1.`, `(a)`; empty when none. */
  num: string;
  heading: Inline[];
  /** The heading as plain text, for a table of contents. */
  title: string;
  line: number;
  offset: number;
  /** The unit's own text, before its children. */
  paras: Para[];
  children: DocNode[];
}

export interface PubDoc {
  treaty: Treaty;
  title: string;
  shortTitle?: string;
  status?: string;
  symbol?: string;
  /** Text before the first heading. */
  front: Para[];
  /** Preamble, parts, chapters, articles, closing formula, annexes, notes: in document order. */
  roots: DocNode[];
  footnotes: FootnoteInfo[];
  comments: CommentInfo[];
  terms: TermInfo[];
  eIdOf(unit: Unit): string;
}

export function buildDocument(treaty: Treaty): PubDoc {
  const units = allUnits(treaty);
  const ids = assignEIds(units);
  const eIdOf = (u: Unit) => ids.get(u) ?? u.id;
  const terms = termInfos(treaty.definitions);
  // Footnotes first (the index places them where they are cited), their texts once it exists.
  const footnotes = new Map<string, FootnoteInfo>();
  for (const [label, f] of treaty.footnotes) if (f.textSpan) footnotes.set(label, { label, content: [], referenced: f.refs.length > 0 });
  const index = new InlineIndex(treaty, {
    eIdOf,
    termOf: (d) => terms.get(d)!,
    footnote: (label) => footnotes.get(label),
    instrumentHref: (ref) => instrumentHref(treaty, ref),
  });
  for (const [label, info] of footnotes) {
    const span = treaty.footnotes.get(label)!.textSpan!;
    info.content = index.build(span.start, span.end);
  }
  const nodes = new Map<Unit, DocNode>();
  for (const unit of units) nodes.set(unit, newNode(unit, eIdOf(unit), treaty.lines.positionAt(unit.anchorSpan.start).line));
  const walk = new Walk(treaty, units, index, nodes, footnotes);
  for (const block of treaty.syntax.blocks) walk.block(block);
  const fm = treaty.frontMatter;
  return {
    treaty,
    title: fm.title ?? fm.shortTitle ?? firstHeadingTitle(walk.front) ?? 'Treaty',
    shortTitle: fm.shortTitle,
    status: fm.status,
    symbol: fm.symbol,
    front: walk.front,
    roots: rootsOf(treaty, units, nodes),
    footnotes: [...footnotes.values()],
    comments: index.comments,
    terms: [...terms.values()],
    eIdOf,
  };
}

/**
 * Every unit: the model's list, and any unit still held under a root that the list lost (a
 * numbered recital whose id a renamed one took), in document order.
 */
function allUnits(treaty: Treaty): Unit[] {
  const all = new Set<Unit>(treaty.units);
  const visit = (u: Unit) => {
    all.add(u);
    for (const c of u.children) visit(c);
  };
  for (const r of treaty.roots) visit(r);
  return all.size === treaty.units.length ? treaty.units : [...all].sort((a, b) => a.index - b.index);
}

function newNode(unit: Unit, eId: string, line: number): DocNode {
  return { unit, kind: unit.kind, eId, num: '', heading: [], title: unit.title ?? '', line, offset: unit.anchorSpan.start, paras: [], children: [] };
}

/**
 * The tree of nodes; an implicit paragraph dissolves into its article (see ids.ts), and so
 * does a unit the model dropped from its list but still holds children under.
 */
function tree(unit: Unit, nodes: Map<Unit, DocNode>, seen = new Set<Unit>()): DocNode {
  const node = nodes.get(unit)!;
  seen.add(unit);
  node.children = [];
  const add = (children: Unit[]) => {
    for (const child of children) {
      if (!nodes.has(child)) {
        add(child.children);
        continue;
      }
      const c = tree(child, nodes, seen);
      if (isDissolved(child)) {
        node.paras.push(...c.paras);
        node.children.push(...c.children);
      } else node.children.push(c);
    }
  };
  add(unit.children);
  return node;
}

/**
 * The root nodes in document order. A unit the model lists but no longer holds under its
 * parent (a chapeau paragraph the preamble's settling dropped) hangs from its nearest ancestor
 * that is printed, so its words are not lost.
 */
function rootsOf(treaty: Treaty, units: Unit[], nodes: Map<Unit, DocNode>): DocNode[] {
  const seen = new Set<Unit>();
  const roots = treaty.roots.filter((u) => nodes.has(u)).map((u) => tree(u, nodes, seen));
  for (const unit of units) {
    if (seen.has(unit)) continue;
    const node = tree(unit, nodes, seen);
    let holder = unit.parent;
    while (holder && !seen.has(holder)) holder = holder.parent;
    const into = holder ? nodes.get(holder)!.children : roots;
    into.push(node);
    into.sort((a, b) => a.unit.index - b.unit.index);
  }
  // A numbered paragraph the model keeps as a root (one right under the notes heading) is
  // printed inside the division it stands in, so the text keeps its order.
  const out: DocNode[] = [];
  for (const node of roots) {
    const before = out[out.length - 1];
    if (before && LOOSE.has(node.kind)) {
      before.children.push(node);
      before.children.sort((a, b) => a.unit.index - b.unit.index);
    } else out.push(node);
  }
  return out;
}

const LOOSE: ReadonlySet<UnitKind> = new Set<UnitKind>(['paragraph', 'subparagraph', 'subsubparagraph', 'note', 'recital']);

class Walk {
  readonly front: Para[] = [];
  private current?: Unit;
  private seenRecital = false;
  private last?: { into: Para[]; para: Para; line: number };
  /** Units by where their heading or marker starts, in document order. */
  private readonly byAnchor: Unit[];
  private next = 0;

  constructor(
    private readonly treaty: Treaty,
    units: Unit[],
    private readonly index: InlineIndex,
    private readonly nodes: Map<Unit, DocNode>,
    private readonly footnotes: Map<string, FootnoteInfo>,
  ) {
    this.byAnchor = [...units].sort((a, b) => a.anchorSpan.start - b.anchorSpan.start || a.index - b.index);
  }

  block(b: Block): void {
    const opened = this.openedBy(b);
    // A line inside a comment left open is the comment's words: its heading or marker is not printed again.
    const commented = this.inComment(b.span.start);
    for (const u of opened) {
      const node = this.nodes.get(u)!;
      node.line = b.line;
      if (isMarked(u) && u.anchorSpan.end > u.anchorSpan.start && !commented) node.num = this.treaty.text.slice(u.anchorSpan.start, u.anchorSpan.end);
    }
    if (opened.length) {
      this.current = opened[opened.length - 1];
      this.last = undefined;
      if (this.current.kind === 'recital') this.seenRecital = true;
    }
    if (b.type === 'heading') {
      if (commented) return;
      if (opened.length) this.heading(b, opened[0]);
      else if (b.title || b.rest.end > b.rest.start) this.add(b.line, b.rest.start, b.rest.end, 'title', true);
      return;
    }
    if (b.type === 'footnoteDef') {
      // A footnote is printed where it is cited; one cited nowhere stays where it is written.
      const note = this.footnotes.get(b.label);
      if (!note || note.referenced) return;
      this.addPara(b.line, b.span.start, [{ t: 'fn', note }]);
      return;
    }
    const inPreamble = this.current && (this.current.kind === 'preamble' || this.current.kind === 'recital');
    // The preamble's framing lines are no recitals: the model keeps no unit for them.
    const role = inPreamble && !opened.length ? (this.seenRecital ? 'formula' : 'intro') : undefined;
    this.add(b.line, b.content.start, b.content.end, role, opened.length > 0 || role !== undefined);
  }

  private inComment(offset: number): boolean {
    return this.treaty.comments.some((c) => c.span.start < offset && offset < c.span.end);
  }

  /** The units whose heading or marker stands on this block's line. */
  private openedBy(b: Block): Unit[] {
    const out: Unit[] = [];
    const units = this.byAnchor;
    while (this.next < units.length && units[this.next].anchorSpan.start < b.span.start) this.next++;
    while (this.next < units.length && units[this.next].anchorSpan.start <= b.span.end) out.push(units[this.next++]);
    return out.sort((a, b2) => a.index - b2.index);
  }

  private heading(h: HeadingNode, unit: Unit): void {
    const node = this.nodes.get(unit)!;
    const text = this.treaty.text;
    if (h.keywordSpan && HEADED.has(unit.kind)) {
      const end = h.number ? h.number.span.end : h.keywordSpan.end;
      node.num = text.slice(h.keywordSpan.start, end);
    }
    const title = unit.kind === 'noteGroup' ? h.rest : h.title?.span;
    if (title && title.end > title.start) {
      node.heading = this.index.build(title.start, title.end);
      node.title = plainText(node.heading);
    } else if (unit.kind === 'preamble' || unit.kind === 'notes') {
      node.title = unit.title ?? '';
      node.heading = [{ t: 'text', text: node.title }];
    }
  }

  /** A line of text: a new paragraph, or the next line of the one above (no blank line between). */
  private add(line: number, start: number, end: number, role: Para['role'], fresh: boolean): void {
    const into = this.owner(role)?.paras ?? this.front;
    const content = this.index.build(start, end);
    const last = this.last;
    if (!fresh && role !== 'title' && last && last.into === into && last.line === line - 1 && last.para.role === role) {
      last.para.content.push({ t: 'text', text: ' ' }, ...content);
      last.line = line;
      return;
    }
    this.addPara(line, start, content, role);
  }

  private addPara(line: number, offset: number, content: Inline[], role?: Para['role']): void {
    const into = this.owner(role)?.paras ?? this.front;
    const para: Para = { line, offset, content, role };
    into.push(para);
    this.last = { into, para, line };
  }

  private owner(role: Para['role']): DocNode | undefined {
    let unit = this.current;
    if (role === 'intro' || role === 'formula') while (unit && unit.kind !== 'preamble') unit = unit.parent;
    return unit ? this.nodes.get(unit) : undefined;
  }
}

/** Units whose heading carries a designation (`Chapter II`, `Article 17`). */
const HEADED: ReadonlySet<UnitKind> = new Set<UnitKind>(['part', 'chapter', 'section', 'article', 'annex']);

/** Units whose marker (`1.`, `(a)`) is their printed number. */
function isMarked(unit: Unit): boolean {
  return unit.kind === 'paragraph' || unit.kind === 'subparagraph' || unit.kind === 'subsubparagraph' || unit.kind === 'note' || (unit.kind === 'recital' && !unit.implicit);
}

function firstHeadingTitle(front: Para[]): string | undefined {
  const t = front.find((p) => p.role === 'title');
  return t ? plainText(t.content) : undefined;
}

/** One TLC term per definition, its id made from the term (`term_traffic_data`). */
function termInfos(definitions: readonly Definition[]): Map<Definition, TermInfo> {
  const out = new Map<Definition, TermInfo>();
  const used = new Set<string>();
  for (const d of definitions) {
    const base = `term_${slug(d.key) || 'x'}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    out.set(d, { definition: d, id });
  }
  return out;
}

/** Lower-case letters and digits joined by `_`: safe in an XML id, a URL fragment and an IRI. */
export function slug(s: string): string {
  let out = '';
  let gap = false;
  for (const ch of s.normalize('NFKD').toLowerCase()) {
    const c = ch.charCodeAt(0);
    const keep = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (keep) {
      if (gap && out) out += '_';
      out += ch;
      gap = false;
    } else if (c < 0x300 || c > 0x36f) gap = true; // combining accents vanish, other characters separate
  }
  return out;
}

/** An instrument another treaty names: the Work IRI an AKN processor would resolve, and the article cited. */
function instrumentHref(treaty: Treaty, ref: Reference): string {
  const key = ref.instrumentKey ?? ref.instrument ?? 'instrument';
  const info = treaty.frontMatter.instruments.find((i) => i.key === ref.instrumentKey);
  const work = `/akn/un/act/treaty/${slug(info?.key ?? key) || 'nn'}`;
  const article = ref.numbers.find((n) => n.level === 'article');
  const num = article ? slug(article.text) : '';
  return num ? `${work}#art_${num}` : work;
}
