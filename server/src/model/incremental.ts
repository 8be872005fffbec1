// Incremental analysis: the treaty after an edit, from the analysis before it, at the cost of
// what the edit touches. A drafter's edit is local — a word in one paragraph of one article, or
// in its title — so the article's blocks are read again and its units rebuilt, everything else
// is kept with its offsets shifted, and the indexes (references, definitions, uses) are updated
// by difference. Whenever the edit could change meaning outside that article (a heading added
// or renumbered, a marker that changes numbering, a definition, front matter, CriticMarkup or
// brackets, a footnote), or stands outside any article (preamble, notes), the whole text is
// analysed again. `analyse` stays the reference: the result is always what `analyse(text)`
// returns (test/unit/incremental.test.ts checks it after every edit of random sequences).
import { parseLine } from '../syntax/parse';
import { firstAt, LineIndex } from '../syntax/text';
import type { Block, HeadingNode, MarkerToken, SyntaxTree } from '../syntax/tree';
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
  /** The old blocks read again are (head, end): the article's, and its heading's when retitled. */
  head: number;
  end: number;
  /** The article's blocks read from the new text. */
  blocks: Block[];
  article: Unit;
  standIn: Unit;
  /** The edit touches the article's heading (its title): the heading block is read again too. */
  retitled: boolean;
  /** The article's units before (old objects) and as rebuilt (fresh), pairwise alike. */
  before: Unit[];
  rebuilt: Unit[];
  /** The article's definitions: old ones [from, to) of the treaty's list, and as read again. */
  definitions: { from: number; to: number; fresh: Definition[] };
  /** The text read again, old and new: from the line after the article's heading (from the heading when retitled) to the next heading. */
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
  const start = commonRun(a, b, max, false);
  const suffix = commonRun(a, b, max - start, true);
  return { start, oldEnd: a.length - suffix, newEnd: b.length - suffix, delta: b.length - a.length };
}

/**
 * How many characters `a` and `b` share from their start (or, `fromEnd`, from their end), at
 * most `max`. By slices compared natively, a quarter as long on a difference: a character
 * loop over 13 MB took 40 ms.
 */
function commonRun(a: string, b: string, max: number, fromEnd: boolean): number {
  const slice = (t: string, from: number, to: number) => (fromEnd ? t.slice(t.length - to, t.length - from) : t.slice(from, to));
  const at = (t: string, k: number) => t.charCodeAt(fromEnd ? t.length - 1 - k : k);
  let n = 0;
  let step = 4096;
  while (n < max) {
    const length = Math.min(step, max - n);
    if (length <= 32) {
      while (n < max && at(a, n) === at(b, n)) n++;
      return n;
    }
    if (slice(a, n, n + length) === slice(b, n, n + length)) {
      n += length;
      step = Math.min(step * 2, 1 << 20);
    } else step = length >> 2;
  }
  return n;
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
  const at = articleAround(prev, change);
  if (typeof at === 'string') return at;
  const { head, end, nextLine, firstLine, lastLine, article, retitled } = at;
  const old = prev.lines;
  const heading = prev.syntax.blocks[head] as HeadingNode;
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
  // A title retyped: the heading must still open this article, with its number.
  const retyped = retitled ? parseLine(text, heading.line, from + window.starts[0], from + window.ends[0]) : undefined;
  if (retyped && !sameHeading(heading, retyped)) return 'heading changed';
  const blocks = prev.syntax.blocks;
  const next = firstParen(blocks, end, blocks.length);
  // The last point before this article reads its first `(x)` marker (`(i)` after `(h)`).
  if ((firstParen(blocks, head + 1, end) ?? next)?.label !== (firstParen(fresh, 0, fresh.length) ?? next)?.label) return 'first point marker';
  const { standIn, units: rebuilt } = buildArticle(text, article, fresh, next, retyped as HeadingNode | undefined);
  const before = prev.units.slice(article.index + 1, article.index + 1 + rebuilt.length);
  if (!sameUnits(before, rebuilt, article, standIn, prev.units[article.index + 1 + rebuilt.length])) return 'units changed';
  standIn.parent = article.parent;
  const definitions = sameDefinitions(prev, text, article, before, rebuilt, standIn);
  if (!definitions) return 'definitions changed';
  // What is read again: the article's lines after its heading, and the heading when retitled.
  const first = retitled ? from : old.starts[heading.line + 1];
  const oldRange = { start: first, end: atEnd ? prev.text.length + 1 : old.starts[nextLine] };
  const newRange = { start: first, end: atEnd ? text.length + 1 : to };
  return { text, change, lineDelta, head: retitled ? head - 1 : head, end, blocks: retyped ? [retyped, ...fresh] : fresh, article, standIn, retitled, before, rebuilt, definitions, oldRange, newRange };
}

/**
 * The article an edit stands in: its heading's block (`head`), the first block after it
 * (`end`, on `nextLine`), and the lines the edit touches, which must all be the article's;
 * `retitled` when one of them is its heading's.
 */
function articleAround(prev: Treaty, change: TextChange) {
  const old = prev.lines;
  let firstLine = old.lineAt(change.start);
  if (old.ends[firstLine] < change.start) firstLine++;
  const lastLine = old.lineAt(change.oldEnd);
  const blocks = prev.syntax.blocks;
  // The article: its heading is the last one that opens a unit on the edit's first line or before.
  let head = firstAt(blocks, firstLine + 1, (b) => b.line) - 1;
  while (head >= 0 && !endsArticle(prev.text, blocks[head])) head--;
  const heading = blocks[head];
  if (!heading || heading.type !== 'heading' || heading.kind !== 'article') return 'not in an article';
  const article = unitAt(prev.roots, heading.span.start);
  if (!article || article.kind !== 'article' || article.anchorSpan.start !== heading.span.start) return 'not in an article';
  const retitled = heading.line === firstLine;
  // At the very start of the heading's line, a `\n` typed after a `\r` would move the line itself.
  if (retitled && change.start <= heading.span.start) return 'at the start of a heading';
  let end = head + 1;
  while (end < blocks.length && !endsArticle(prev.text, blocks[end])) end++;
  const nextLine = end < blocks.length ? blocks[end].line : old.lineCount;
  if (lastLine >= nextLine) return 'across a heading';
  return { head, end, nextLine, firstLine, lastLine, article, retitled };
}

/** An article's heading retyped opens the same unit: an article heading with the same number. */
function sameHeading(old: HeadingNode, b: Block): boolean {
  if (b.type !== 'heading' || b.kind !== 'article') return false;
  const a = old.number;
  const n = b.number;
  if (!a || !n) return !a && !n;
  return a.text === n.text && a.value === n.value && a.suffix === n.suffix && a.placeholder === n.placeholder && a.roman === n.roman;
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
  const footnoteDef = (b: Block) => b.type === 'footnoteDef';
  const footnotesMoved = plan.blocks.some(footnoteDef) || prev.syntax.blocks.slice(plan.head + 1, plan.end).some(footnoteDef);
  const lines = prev.lines.edited(text, plan.change.start, plan.change.oldEnd, plan.change.newEnd);
  // Where the article's references, unrecognised phrases and uses stand in the old lists.
  const refs = rangeOf(prev.references, plan, (r) => r.span.start);
  const unread = rangeOf(prev.unrecognised, plan, (s) => s.start);
  const used = rangeOf(prev.uses, plan, (u) => u.span.start);
  moveAfter(prev, plan, refs);
  ownBlockStrings(plan);
  const syntax: SyntaxTree = { ...prev.syntax, text, lines };
  syntax.blocks.splice(plan.head + 1, plan.end - plan.head - 1, ...plan.blocks);
  adoptUnits(plan);
  adoptDefinitions(prev.definitions, plan);
  // Blocks of the article only: no note heading among them (an empty map of note groups).
  const ctx = grammarContextOf(prev.selfNames, prev.frontMatter.instruments);
  const found = findReferences(syntax, state.resolver.scope, ctx, new Map(), plan.blocks, state.resolver);
  ownStrings(found.references);
  prev.references.splice(refs.from, refs.to - refs.from, ...found.references);
  prev.unrecognised.splice(unread.from, unread.to - unread.from, ...found.unrecognised);
  commitUses(prev, plan, state.uses, used);
  const treaty: Treaty = {
    ...prev,
    text,
    lines,
    syntax,
    footnotes: footnotesMoved ? footnotesOf(syntax) : prev.footnotes,
    alternatives: alternativeSets(text, syntax.brackets),
  };
  analysisStates.set(treaty, state);
  return treaty;
}

/**
 * A string of its own: a slice of 13 characters or more of a text is a view into that whole
 * text (V8's sliced strings). What an edit reads lives on after it, so a reference's text
 * would keep the whole text of that version alive — a treaty's worth per edited article.
 */
function own(s: string): string;
function own(s: string | undefined): string | undefined;
function own(s: string | undefined): string | undefined {
  return s === undefined || s.length < 13 ? s : (' ' + s).slice(1);
}

/** The strings of the references read from the new text, which stay in the model. */
function ownStrings(references: Reference[]): void {
  for (const r of references) {
    r.text = own(r.text);
    r.instrument = own(r.instrument);
    r.instrumentKey = own(r.instrumentKey);
    for (const n of r.numbers) n.text = own(n.text);
  }
}

/** The strings of the blocks read from the new text (and of a retitled article), which stay in the model. */
function ownBlockStrings(plan: Plan): void {
  for (const b of plan.blocks) {
    if (b.type === 'heading') {
      if (b.title) b.title.text = own(b.title.text);
      if (b.number) b.number.text = own(b.number.text);
    } else if (b.type === 'footnoteDef') b.label = own(b.label);
  }
  if (plan.retitled) plan.standIn.title = own(plan.standIn.title);
}

/** The state of an analysis made before states were kept (or dropped): made again from it. */
function stateOf(prev: Treaty): AnalysisState {
  const scope = { roots: prev.roots, articles: prev.articles, byLevel: { chapter: prev.chapters, part: prev.parts, section: prev.sections, annex: prev.annexes }, preamble: prev.roots.find((u) => u.kind === 'preamble') };
  return { resolver: new Resolver(scope), uses: UseFinder.of(prev.definitions) };
}

/** The items of `list` (in document order) in the article's old lines: [from, to). */
function rangeOf<T>(list: T[], plan: Plan, startOf: (x: T) => number): { from: number; to: number } {
  return { from: firstAt(list, plan.oldRange.start, startOf), to: firstAt(list, plan.oldRange.end, startOf) };
}

function shiftSpan(s: Span, delta: number): void {
  s.start += delta;
  s.end += delta;
}

/**
 * Moves everything after the article by the edit's delta. Span objects are shared — a unit's
 * anchor is its heading's or marker's span, the units of a line of markers share its text,
 * a reference's numbers and missing parts share theirs — and each must move once: the first
 * visit moves a span and marks it (its start stored as -start-1, never a real offset), a
 * second pass over the same spans clears the marks. No set of visited spans to build.
 */
function moveAfter(prev: Treaty, plan: Plan, refs: { to: number }): void {
  const { delta, oldEnd } = plan.change;
  const at = (x: number) => (x >= oldEnd ? x + delta : x);
  const syntax = prev.syntax;
  for (const b of syntax.brackets) {
    b.open = at(b.open);
    if (b.close >= 0) b.close = at(b.close);
  }
  for (let i = 0; i < syntax.strayClosers.length; i++) syntax.strayClosers[i] = at(syntax.strayClosers[i]);
  for (const c of syntax.critic) {
    if (c.span.end < oldEnd) continue;
    c.span.start = at(c.span.start);
    c.span.end += delta;
    c.content.start = at(c.content.start);
    c.content.end += delta;
    if (c.separator !== undefined) c.separator = at(c.separator);
  }
  for (const r of syntax.footnoteRefs) if (r.span.start >= oldEnd) shiftSpan(r.span, delta);
  for (const u of prev.unrecognised) if (u.start >= oldEnd) shiftSpan(u, delta);
  for (const u of prev.uses) if (u.span.start >= oldEnd) shiftSpan(u.span, delta);
  const blocks = syntax.blocks;
  for (let bi = plan.end; bi < blocks.length; bi++) blocks[bi].line += plan.lineDelta;
  const units = prev.units;
  const firstUnit = plan.article.index + 1 + plan.before.length;
  for (let k = firstUnit; k < units.length; k++) if (units[k].numberInsertAt !== undefined) units[k].numberInsertAt! += delta;
  const walk = (visit: (s: Span) => void) => {
    for (let bi = plan.end; bi < blocks.length; bi++) blockSpans(blocks[bi], visit);
    for (let k = firstUnit; k < units.length; k++) unitSpans(units[k], visit);
    for (let i = plan.definitions.to; i < prev.definitions.length; i++) {
      const d = prev.definitions[i];
      visit(d.span);
      if (d.alternativeOf) visit(d.alternativeOf.span);
    }
    for (let i = refs.to; i < prev.references.length; i++) referenceSpans(prev.references[i], visit);
  };
  walk((s) => {
    if (s.start < 0) return;
    s.start = -(s.start + delta) - 1;
    s.end += delta;
  });
  walk((s) => {
    if (s.start < 0) s.start = -s.start - 1;
  });
}

function blockSpans(b: Block, visit: (s: Span) => void): void {
  visit(b.span);
  if (b.type === 'heading') {
    visit(b.rest);
    if (b.keywordSpan) visit(b.keywordSpan);
    if (b.number) visit(b.number.span);
    if (b.title) visit(b.title.span);
    return;
  }
  visit(b.content);
  if (b.type === 'item') {
    for (const m of b.markers) {
      visit(m.span);
      visit(m.labelSpan);
    }
  } else if (b.type === 'footnoteDef') visit(b.labelSpan);
}

function unitSpans(u: Unit, visit: (s: Span) => void): void {
  visit(u.span);
  visit(u.anchorSpan);
  visit(u.textSpan);
  if (u.numberSpan) visit(u.numberSpan);
  if (u.titleSpan) visit(u.titleSpan);
}

function referenceSpans(r: Reference, visit: (s: Span) => void): void {
  visit(r.span);
  for (const n of r.numbers) visit(n.span);
  for (const m of r.missing) visit(m.span);
  if (r.imprecise) for (const m of r.imprecise) visit(m.span);
}

/** The article's units take their rebuilt spans; the article and its ancestors end where they now do. */
function adoptUnits(plan: Plan): void {
  const { article, standIn, before, rebuilt } = plan;
  for (let i = 0; i < before.length; i++) {
    const o = before[i];
    const n = rebuilt[i];
    o.anchorSpan = n.anchorSpan;
    o.span = n.span;
    o.textSpan = n.textSpan;
    o.numberSpan = n.numberSpan;
  }
  if (plan.retitled) {
    article.anchorSpan = standIn.anchorSpan;
    article.textSpan = standIn.textSpan;
    article.title = standIn.title;
    article.titleSpan = standIn.titleSpan;
    article.numberSpan = standIn.numberSpan;
    article.numberInsertAt = standIn.numberInsertAt;
  }
  const oldEnd = article.span.end;
  article.span.end = standIn.span.end;
  // An ancestor ends where the article does, or after the next heading (after the edit).
  for (let a = article.parent; a; a = a.parent) a.span.end = a.span.end === oldEnd ? standIn.span.end : a.span.end + plan.change.delta;
}

/** The article's definitions take their new spans (an alternative's name with them). */
function adoptDefinitions(definitions: Definition[], plan: Plan): void {
  const { from, to, fresh } = plan.definitions;
  for (let i = from; i < to; i++) {
    const o = definitions[i];
    const n = fresh[i - from];
    o.span = n.span;
    if (o.alternativeOf) o.alternativeOf.span = n.alternativeOf!.span;
  }
}

/** Uses: those of the article's lines found again (each definition's list too); those after have moved. */
function commitUses(prev: Treaty, plan: Plan, finder: UseFinder | undefined, range: { from: number; to: number }): void {
  const uses = prev.uses;
  if (!finder) return;
  // The alternative names of one quoted term share one list of uses: edited in place, each once.
  const touched = new Set<TermUse[]>();
  for (let i = range.from; i < range.to; i++) touched.add(uses[i].definition.uses);
  const gone = new Set(uses.slice(range.from, range.to));
  for (const list of touched) {
    let kept = 0;
    for (const u of list) if (!gone.has(u)) list[kept++] = u;
    list.length = kept;
  }
  const fresh = finder.scan(plan.text, Math.max(plan.newRange.start, bodyStartOf(prev.syntax)), plan.newRange.end, prev.roots, false);
  uses.splice(range.from, range.to - range.from, ...fresh);
  const startOf = (u: TermUse) => u.span.start;
  for (const u of fresh) {
    const list = u.definition.uses;
    list.splice(firstAt(list, u.span.start, startOf), 0, u);
  }
}
