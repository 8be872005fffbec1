// Incremental analysis: the treaty after an edit, from the analysis before it, at the cost of
// what the edit touches. A drafter's edit is local — a word in one paragraph of one article —
// so the article's blocks are read again and its units rebuilt, everything else is kept with
// its offsets shifted, and the indexes (references, definitions, uses) are updated by
// difference. Whenever the edit could change meaning outside that article (a heading, a
// marker that changes numbering, a definition, front matter, CriticMarkup or brackets, a
// footnote), the whole text is analysed again. `analyse` stays the reference: the result is
// always what `analyse(text)` returns (test/unit/incremental.test.ts checks it on random edits).
import { parseLine } from '../syntax/parse';
import { LineIndex } from '../syntax/text';
import type { Block, MarkerToken, SyntaxTree } from '../syntax/tree';
import { alternativeSets, analyse, analysisStates, bodyStartOf, footnotesOf, grammarContextOf, type AnalysisState } from './analyse';
import { findDefinitions, UseFinder } from './definitions';
import { findReferences } from './references';
import { Resolver } from './resolve';
import { buildArticle, isClosingFormula } from './structure';
import type { Definition, Reference, Span, TermUse, Treaty, Unit } from './types';
import { unitAt } from './units';

export interface Reanalysis {
  treaty: Treaty;
  /** Whether the analysis before was updated (true) or the text analysed afresh. */
  incremental: boolean;
  /** Why the text was analysed afresh. */
  reason?: string;
}

/** The one region where two texts differ: [start, oldEnd) of the old text became [start, newEnd). */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
  delta: number;
}

/** What the analysis of the edited article found, before anything of the old analysis is touched. */
interface Plan {
  text: string;
  change: TextChange;
  lineDelta: number;
  /** The article's heading block; the old blocks of the article are (head, end). */
  head: number;
  end: number;
  /** The article's blocks read from the new text. */
  blocks: Block[];
  article: Unit;
  standIn: Unit;
  /** The article's units before (old objects) and as rebuilt (fresh), pairwise alike. */
  before: Unit[];
  rebuilt: Unit[];
  /** The article's definitions: old ones [from, to) of the treaty's list, and as read again. */
  definitions: { from: number; to: number; fresh: Definition[] };
  /** The text of the article's lines, from the line after its heading to the next heading: old and new. */
  oldRange: Span;
  newRange: Span;
}

/**
 * The analysis of `text`, from `prev`, the analysis of the text before the edit. `prev` is
 * consumed: its objects are reused and moved to the new offsets, so nothing may read it
 * afterwards (the project replaces its bundle). Never throws for an input `analyse` takes.
 */
export function reanalyse(prev: Treaty, text: string): Reanalysis {
  if (text === prev.text) return { treaty: prev, incremental: true };
  let plan: Plan | string;
  try {
    plan = planEdit(prev, text);
  } catch (e) {
    plan = `planning failed: ${(e as Error).message}`;
  }
  if (typeof plan === 'string') return { treaty: analyse(text), incremental: false, reason: plan };
  return { treaty: commit(prev, plan), incremental: true };
}

/** Where `a` and `b` differ: the longest common prefix, then the longest common suffix of the rest. */
export function changedRegion(a: string, b: string): TextChange {
  const max = Math.min(a.length, b.length);
  const start = commonPrefix(a, b, max);
  const suffix = commonSuffix(a, b, max - start);
  return { start, oldEnd: a.length - suffix, newEnd: b.length - suffix, delta: b.length - a.length };
}

// By slices compared natively, halving on a difference: a character loop over 13 MB took 40 ms.
function commonPrefix(a: string, b: string, max: number): number {
  let p = 0;
  let step = 4096;
  while (p < max) {
    const n = Math.min(step, max - p);
    if (n <= 32) {
      while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
      return p;
    }
    if (a.slice(p, p + n) === b.slice(p, p + n)) {
      p += n;
      step = Math.min(step * 2, 1 << 20);
    } else step = n >> 2;
  }
  return p;
}

function commonSuffix(a: string, b: string, max: number): number {
  let s = 0;
  let step = 4096;
  while (s < max) {
    const n = Math.min(step, max - s);
    if (n <= 32) {
      while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
      return s;
    }
    if (a.slice(a.length - s - n, a.length - s) === b.slice(b.length - s - n, b.length - s)) {
      s += n;
      step = Math.min(step * 2, 1 << 20);
    } else step = n >> 2;
  }
  return s;
}

/** Characters that open, close or escape brackets, CriticMarkup and footnote references. */
function hasMarkup(text: string, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < Math.min(text.length, to); i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x5c) return true;
  }
  return false;
}

/** Why the edit cannot be analysed by difference, or undefined when it can (the inline markup and front matter stay as they were). */
function globalReason(prev: Treaty, text: string, c: TextChange): string | undefined {
  const fm = prev.syntax.frontMatter;
  if (fm && !fm.closed) return 'unclosed front matter';
  if (prev.frontMatter.problems.length > 0) return 'front matter with problems';
  if (c.start <= (fm ? fm.span.end : 0) || prev.lines.lineAt(c.start) === 0) return 'front matter or first line';
  // Brackets, tracked changes and footnote references are read over the whole text: an edit
  // near one of their characters may change them anywhere after it.
  if (hasMarkup(prev.text, c.start - 3, c.oldEnd + 3) || hasMarkup(text, c.start - 3, c.newEnd + 3)) return 'markup characters';
  for (const cs of prev.syntax.critic) {
    if (!cs.closed) return 'unclosed tracked change';
    // Inside one, away from its delimiters (no markup character near): only its end moves.
    // Not a substitution: its `~>` is found by a search of its own.
    if (cs.span.start <= c.oldEnd && c.start <= cs.span.end && (cs.kind === 'substitute' || c.start <= cs.content.start || c.oldEnd >= cs.content.end)) return 'a tracked change';
  }
  return undefined;
}

/** The index of the first block on line `line` or after. */
function blockAtLine(blocks: Block[], line: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A block that closes the article before it: a heading that opens a unit, or the closing formula. */
function endsArticle(text: string, b: Block): boolean {
  return b.type === 'heading' ? b.kind !== 'other' : b.type === 'text' && isClosingFormula(text, b.content);
}

/** The first `(x)` marker of `blocks` from `from` to `to`. */
function firstParen(blocks: Block[], from: number, to: number): MarkerToken | undefined {
  for (let bi = from; bi < to; bi++) {
    const b = blocks[bi];
    if (b.type !== 'item') continue;
    for (const m of b.markers) if (m.style === 'paren') return m;
  }
  return undefined;
}

/** The article the edit stands in, read again: a Plan, or why it cannot be (then nothing has been touched). */
function planEdit(prev: Treaty, text: string): Plan | string {
  const change = changedRegion(prev.text, text);
  const global = globalReason(prev, text, change);
  if (global) return global;
  const old = prev.lines;
  let firstLine = old.lineAt(change.start);
  if (old.ends[firstLine] < change.start) firstLine++;
  const lastLine = old.lineAt(change.oldEnd);
  const blocks = prev.syntax.blocks;
  // The article: its heading is the last one before the edit that opens a unit.
  let head = blockAtLine(blocks, firstLine) - 1;
  while (head >= 0 && !endsArticle(prev.text, blocks[head])) head--;
  const heading = blocks[head];
  if (!heading || heading.type !== 'heading' || heading.kind !== 'article') return 'not in an article';
  const article = unitAt(prev.roots, heading.span.start);
  if (!article || article.kind !== 'article' || article.anchorSpan.start !== heading.span.start) return 'not in an article';
  let end = head + 1;
  while (end < blocks.length && !endsArticle(prev.text, blocks[end])) end++;
  const nextLine = end < blocks.length ? blocks[end].line : old.lineCount;
  if (lastLine >= nextLine) return 'across a heading';
  // The article's lines in the new text, from its heading to the next one (the old index is
  // left as it is until nothing can fall back: it may be the last good analysis's).
  const from = old.starts[heading.line];
  const atEnd = nextLine >= old.lineCount;
  const to = atEnd ? text.length : old.starts[nextLine] + change.delta;
  const window = new LineIndex(text.slice(from, to));
  const count = atEnd ? window.lineCount : window.lineCount - 1;
  const lineDelta = count - (nextLine - heading.line);
  const lineText = (t: string, index: LineIndex, base: number, a: number, b: number) => t.slice(base + index.starts[a], base + index.ends[b]);
  // A footnote reference or text in the lines edited: its call or its label may have changed.
  if (lineText(prev.text, old, 0, firstLine, lastLine).includes('[^') || lineText(text, window, from, firstLine - heading.line, lastLine + lineDelta - heading.line).includes('[^')) return 'footnote';
  const fresh: Block[] = [];
  for (let k = 1; k < count; k++) {
    const b = parseLine(text, heading.line + k, from + window.starts[k], from + window.ends[k]);
    if (!b) continue;
    if (endsArticle(text, b)) return 'a heading or the closing formula';
    fresh.push(b);
  }
  const next = firstParen(blocks, end, blocks.length);
  // The last point before this article reads its first `(x)` marker (`(i)` after `(h)`).
  if ((firstParen(blocks, head + 1, end) ?? next)?.label !== (firstParen(fresh, 0, fresh.length) ?? next)?.label) return 'first point marker';
  const { standIn, units: rebuilt } = buildArticle(text, article, fresh, next);
  const before = prev.units.slice(article.index + 1, article.index + 1 + rebuilt.length);
  if (!sameUnits(before, rebuilt, article, standIn, prev.units[article.index + 1 + rebuilt.length])) return 'units changed';
  standIn.parent = article.parent;
  const definitions = sameDefinitions(prev, text, article, before, rebuilt, standIn);
  if (!definitions) return 'definitions changed';
  const oldRange = { start: old.starts[heading.line + 1], end: atEnd ? prev.text.length + 1 : old.starts[nextLine] };
  const newRange = { start: oldRange.start, end: atEnd ? text.length + 1 : to };
  return { text, change, lineDelta, head, end, blocks: fresh, article, standIn, before, rebuilt, definitions, oldRange, newRange };
}

/**
 * The article's units as rebuilt are those it had (same ids, numbers, kinds and nesting),
 * and the unit after them is no longer one of its own (`after`).
 */
function sameUnits(before: Unit[], rebuilt: Unit[], article: Unit, standIn: Unit, after: Unit | undefined): boolean {
  if (before.length !== rebuilt.length || article.children.length !== standIn.children.length) return false;
  if (after && isInside(after, article)) return false;
  const base = article.index + 1;
  for (let i = 0; i < before.length; i++) {
    const o = before[i];
    const n = rebuilt[i];
    if (o.id !== n.id || o.kind !== n.kind || o.number !== n.number || o.value !== n.value || o.suffix !== n.suffix || o.style !== n.style) return false;
    if (o.placeholder !== n.placeholder || o.implicit !== n.implicit || o.chapeau !== n.chapeau || o.title !== n.title || o.children.length !== n.children.length) return false;
    const op = o.parent === article ? -1 : o.parent!.index - base;
    const np = n.parent === standIn ? -1 : n.parent!.index;
    if (op !== np) return false;
  }
  return true;
}

function isInside(unit: Unit, outer: Unit): boolean {
  for (let u = unit.parent; u; u = u.parent) if (u === outer) return true;
  return false;
}

/**
 * The article's definitions read again, if they are those it had (terms, scopes, groups):
 * the old ones' place in the treaty's list and the fresh ones; undefined if they differ.
 */
function sameDefinitions(prev: Treaty, text: string, article: Unit, before: Unit[], rebuilt: Unit[], standIn: Unit): Plan['definitions'] | undefined {
  const fresh = findDefinitions(text, rebuilt);
  const last = article.index + before.length;
  let from = 0;
  while (from < prev.definitions.length && prev.definitions[from].unit.index <= article.index) from++;
  let to = from;
  while (to < prev.definitions.length && prev.definitions[to].unit.index <= last) to++;
  if (to - from !== fresh.length) return undefined;
  const base = article.index + 1;
  const map = (u: Unit | undefined): Unit | undefined => (u === standIn ? article : u && rebuilt[u.index] === u ? before[u.index] : u);
  for (let i = 0; i < fresh.length; i++) {
    const o = prev.definitions[from + i];
    const n = fresh[i];
    if (o.term !== n.term || o.key !== n.key || o.scope !== n.scope || o.pending !== n.pending || o.unit.index - base !== n.unit.index) return undefined;
    if (o.scopeUnit !== map(n.scopeUnit) || o.group.length !== n.group.length || !o.alternativeOf !== !n.alternativeOf) return undefined;
    if (o.alternativeOf && o.alternativeOf.term !== n.alternativeOf!.term) return undefined;
    for (let g = 0; g < o.group.length; g++) if (prev.definitions.indexOf(o.group[g], from) - from !== fresh.indexOf(n.group[g])) return undefined;
  }
  return { from, to, fresh };
}

/** The new analysis: the plan applied to `prev`'s objects. Cannot fail. */
function commit(prev: Treaty, plan: Plan): Treaty {
  const { text } = plan;
  const state: AnalysisState = analysisStates.get(prev) ?? stateOf(prev);
  const lines = prev.lines.edited(text, plan.change.start, plan.change.oldEnd, plan.change.newEnd);
  const footnoteDef = (b: Block) => b.type === 'footnoteDef';
  const footnotesMoved = plan.blocks.some(footnoteDef) || prev.syntax.blocks.slice(plan.head + 1, plan.end).some(footnoteDef);
  const syntax = shiftSyntax(prev.syntax, plan, lines);
  syntax.blocks.splice(plan.head + 1, plan.end - plan.head - 1, ...plan.blocks);
  commitUnits(prev.units, plan);
  commitDefinitions(prev.definitions, plan);
  // Blocks of the article only: no note heading among them (an empty map of note groups).
  const ctx = grammarContextOf(prev.selfNames, prev.frontMatter.instruments);
  const found = findReferences(syntax, state.resolver.scope, ctx, new Map(), plan.blocks, state.resolver);
  const references = splice(prev.references, plan, found.references, (r) => r.span.start, shiftReference);
  const unrecognised = splice(prev.unrecognised, plan, found.unrecognised, (s) => s.start, shiftSpan);
  const uses = commitUses(prev, plan, state.uses);
  const treaty: Treaty = {
    ...prev,
    text,
    lines,
    syntax,
    references,
    unrecognised,
    uses,
    footnotes: footnotesMoved ? footnotesOf(syntax) : prev.footnotes,
    alternatives: alternativeSets(text, syntax.brackets),
  };
  analysisStates.set(treaty, state);
  return treaty;
}

/** The state of an analysis made before states were kept (or dropped): made again from it. */
function stateOf(prev: Treaty): AnalysisState {
  const scope = { roots: prev.roots, articles: prev.articles, byLevel: { chapter: prev.chapters, part: prev.parts, section: prev.sections, annex: prev.annexes }, preamble: prev.roots.find((u) => u.kind === 'preamble') };
  return { resolver: new Resolver(scope), uses: UseFinder.of(prev.definitions) };
}

function shiftSpan(s: Span, delta: number): void {
  s.start += delta;
  s.end += delta;
}

/** The spans of the reference being moved (one list for them all: no array per reference). */
const moved: Span[] = [];

/** A reference's spans, each once: a number's span may also be a missing one's, or another number's. */
function shiftReference(r: Reference, delta: number): void {
  moved.length = 0;
  moveOnce(r.span, delta);
  for (const n of r.numbers) moveOnce(n.span, delta);
  for (const m of r.missing) moveOnce(m.span, delta);
  if (r.imprecise) for (const m of r.imprecise) moveOnce(m.span, delta);
  moved.length = 0;
}

function moveOnce(s: Span, delta: number): void {
  if (moved.includes(s)) return;
  moved.push(s);
  shiftSpan(s, delta);
}

/** The syntax tree of the new text: blocks after the article, brackets, tracked changes and footnote references after the edit, moved. */
function shiftSyntax(old: SyntaxTree, plan: Plan, lines: LineIndex): SyntaxTree {
  const { delta, oldEnd } = plan.change;
  const at = (x: number) => (x >= oldEnd ? x + delta : x);
  const blocks = old.blocks;
  for (let bi = plan.end; bi < blocks.length; bi++) {
    const b = blocks[bi];
    b.line += plan.lineDelta;
    shiftSpan(b.span, delta);
    if (b.type === 'heading') {
      shiftSpan(b.rest, delta);
      if (b.keywordSpan) shiftSpan(b.keywordSpan, delta);
      if (b.number) shiftSpan(b.number.span, delta);
      if (b.title && b.title.span !== b.rest) shiftSpan(b.title.span, delta);
      continue;
    }
    shiftSpan(b.content, delta);
    if (b.type === 'item') {
      for (const m of b.markers) {
        shiftSpan(m.span, delta);
        shiftSpan(m.labelSpan, delta);
      }
    } else if (b.type === 'footnoteDef') shiftSpan(b.labelSpan, delta);
  }
  for (const b of old.brackets) {
    b.open = at(b.open);
    if (b.close >= 0) b.close = at(b.close);
  }
  for (let i = 0; i < old.strayClosers.length; i++) old.strayClosers[i] = at(old.strayClosers[i]);
  for (const c of old.critic) {
    if (c.span.end < oldEnd) continue;
    c.span.start = at(c.span.start);
    c.span.end += delta;
    c.content.start = at(c.content.start);
    c.content.end += delta;
    if (c.separator !== undefined) c.separator = at(c.separator);
  }
  for (const r of old.footnoteRefs) if (r.span.start >= oldEnd) shiftSpan(r.span, delta);
  return { ...old, text: plan.text, lines };
}

/** The article's units take their rebuilt spans; its ancestors and every unit after it move. */
function commitUnits(units: Unit[], plan: Plan): void {
  const { article, standIn, before, rebuilt } = plan;
  const { delta } = plan.change;
  for (let i = 0; i < before.length; i++) {
    const o = before[i];
    const n = rebuilt[i];
    o.anchorSpan = n.anchorSpan;
    o.span = n.span;
    o.textSpan = n.textSpan;
    o.numberSpan = n.numberSpan;
  }
  const oldEnd = article.span.end;
  article.span.end = standIn.span.end;
  // An ancestor ends where the article does, or after the next heading (after the edit).
  for (let a = article.parent; a; a = a.parent) a.span.end = a.span.end === oldEnd ? standIn.span.end : a.span.end + delta;
  for (let k = article.index + 1 + before.length; k < units.length; k++) {
    const u = units[k];
    shiftSpan(u.span, delta);
    shiftSpan(u.anchorSpan, delta);
    shiftSpan(u.textSpan, delta);
    if (u.numberSpan) shiftSpan(u.numberSpan, delta);
    if (u.titleSpan) shiftSpan(u.titleSpan, delta);
    if (u.numberInsertAt !== undefined) u.numberInsertAt += delta;
  }
}

/** The article's definitions take their new spans; those after it move (an alternative's name once). */
function commitDefinitions(definitions: Definition[], plan: Plan): void {
  const { from, to, fresh } = plan.definitions;
  for (let i = from; i < to; i++) {
    const o = definitions[i];
    const n = fresh[i - from];
    o.span = n.span;
    if (o.alternativeOf) o.alternativeOf.span = n.alternativeOf!.span;
  }
  let base: Definition | undefined;
  for (let i = to; i < definitions.length; i++) {
    const d = definitions[i];
    shiftSpan(d.span, plan.change.delta);
    if (d.alternativeOf && d.alternativeOf !== base) shiftSpan(d.alternativeOf.span, plan.change.delta);
    base = d.alternativeOf;
  }
}

/** The first index of `list` (in order of `startOf`) whose start is `at` or after. */
function firstAt<T>(list: T[], at: number, startOf: (x: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(list[mid]) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `list` (in document order) with the items of the article's old lines replaced by `fresh`, and those after moved. */
function splice<T>(list: T[], plan: Plan, fresh: T[], startOf: (x: T) => number, shift: (x: T, delta: number) => void): T[] {
  const from = firstAt(list, plan.oldRange.start, startOf);
  const to = firstAt(list, plan.oldRange.end, startOf);
  for (let i = to; i < list.length; i++) shift(list[i], plan.change.delta);
  list.splice(from, to - from, ...fresh);
  return list;
}

/** Uses: those of the article's lines found again (each definition's list too), those after moved. */
function commitUses(prev: Treaty, plan: Plan, finder: UseFinder | undefined): TermUse[] {
  const uses = prev.uses;
  if (!finder) return uses;
  const startOf = (u: TermUse) => u.span.start;
  const from = firstAt(uses, plan.oldRange.start, startOf);
  const to = firstAt(uses, plan.oldRange.end, startOf);
  // The alternative names of one quoted term share one list of uses: edited in place, each once.
  const touched = new Set<TermUse[]>();
  for (let i = from; i < to; i++) touched.add(uses[i].definition.uses);
  const gone = new Set(uses.slice(from, to));
  for (const list of touched) {
    let kept = 0;
    for (const u of list) if (!gone.has(u)) list[kept++] = u;
    list.length = kept;
  }
  const fresh = finder.scan(plan.text, Math.max(plan.newRange.start, bodyStartOf(prev.syntax)), plan.newRange.end, prev.roots, false);
  splice(uses, plan, fresh, startOf, (u, delta) => shiftSpan(u.span, delta));
  for (const u of fresh) {
    const list = u.definition.uses;
    list.splice(firstAt(list, u.span.start, startOf), 0, u);
  }
  return uses;
}
