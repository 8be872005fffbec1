// Comparing two drafts the way drafters do: article by article, whatever the numbers became.
// Articles are matched by title and content (match.ts), then their paragraphs and
// subparagraphs inside each matched pair; recitals, notes and chapters too, so that every
// number in the text can be read as the unit it stands for. Then the word differences of each
// matched article, and of the text between them (words.ts), in which a number that only
// follows renumbering is equal.
import { analyse } from '../model/analyse';
import type { Treaty, Unit, UnitKind } from '../model/types';
import { ARTICLES, PARAGRAPHS, matchItems, type Item, type Pair } from './match';
import { diffTokens, joinOps, sameText, specialsOf, tokenize, tokensIn, type KeyOf, type Op, type Special, type Token } from './words';

export type Status = 'unchanged' | 'changed' | 'added' | 'deleted';

export interface Draft {
  /** The file name shown to the reader. */
  name: string;
  treaty: Treaty;
  specials: Special[];
  /** The whole text's tokens as matching reads them: numbers and annotations left out. */
  features: Token[];
}

export interface UnitRow {
  old?: Unit;
  new?: Unit;
  status: Status;
  /** Both exist and their numbers are written differently. */
  renumbered: boolean;
  /** Out of order with the other pairs (for an article: moved elsewhere in the treaty). */
  moved: boolean;
}

export interface ArticleRow extends UnitRow {
  /** How alike the two articles are, 0…1 (1: identical up to numbering). */
  score: number;
  /** Paragraphs and subparagraphs, in the order of the new text (deleted ones where they stood). */
  paragraphs: UnitRow[];
  /** The word differences of a matched pair. */
  ops: Op[];
  /** The tokens of each side's article (empty for the side it is missing from). */
  tokens: { old: Token[]; new: Token[] };
}

/**
 * The new text in reading order, with what the old one had in each place: the text between
 * articles as word differences, and the articles. An article piece on the `old` side is a
 * deleted article, or the old place of a moved one.
 */
export type Piece = { type: 'text'; op: Op; frontMatter?: boolean } | { type: 'article'; row: ArticleRow; side: 'both' | 'old' | 'new' };

export interface Summary {
  articles: { old: number; new: number };
  matched: number;
  unchanged: number;
  changed: number;
  added: number;
  deleted: number;
  renumbered: number;
  moved: number;
  paragraphs: { matched: number; changed: number; added: number; deleted: number; renumbered: number };
}

export interface Comparison {
  old: Draft;
  new: Draft;
  /** One row per article: the new text's order, deleted articles where they stood. */
  articles: ArticleRow[];
  pieces: Piece[];
  /** Old unit → the new unit it became. */
  correspondence: Map<Unit, Unit>;
  summary: Summary;
}

export interface CompareOptions {
  oldName?: string;
  newName?: string;
}

export function compareTexts(oldText: string, newText: string, options: CompareOptions = {}): Comparison {
  return compareTreaties(analyse(oldText), analyse(newText), options);
}

const CHILD_KINDS = new Set<UnitKind>(['paragraph', 'subparagraph', 'subsubparagraph']);

export function compareTreaties(oldTreaty: Treaty, newTreaty: Treaty, options: CompareOptions = {}): Comparison {
  const old = draftOf(options.oldName ?? 'old', oldTreaty, 'reject');
  const neu = draftOf(options.newName ?? 'new', newTreaty, 'accept');
  const correspondence = new Map<Unit, Unit>();
  const link = (pairs: Pair[], olds: Unit[], news: Unit[]) => pairs.forEach((p) => correspondence.set(olds[p.old], news[p.new]));

  // Articles, then inside each pair its paragraphs and subparagraphs, level by level.
  const articlePairs = matchItems(
    oldTreaty.articles.map((u) => itemOf(old, u, true)),
    newTreaty.articles.map((u) => itemOf(neu, u, true)),
    ARTICLES,
  );
  link(articlePairs, oldTreaty.articles, newTreaty.articles);
  const childPairs: ChildPairs = new Map();
  const matchChildren = (o: Unit, n: Unit) => {
    const olds = o.children.filter((c) => CHILD_KINDS.has(c.kind));
    const news = n.children.filter((c) => CHILD_KINDS.has(c.kind));
    const pairs = olds.length && news.length ? matchItems(olds.map((u) => itemOf(old, u)), news.map((u) => itemOf(neu, u)), PARAGRAPHS) : [];
    link(pairs, olds, news);
    childPairs.set(n, { pairs, olds, news });
    for (const p of pairs) matchChildren(olds[p.old], news[p.new]);
  };
  for (const p of articlePairs) matchChildren(oldTreaty.articles[p.old], newTreaty.articles[p.new]);
  // Recitals and notes carry numbers too; chapters and parts follow their articles.
  const recitals = (t: Treaty) => t.roots.find((u) => u.kind === 'preamble')?.children.filter((u) => u.kind === 'recital') ?? [];
  for (const [olds, news] of [
    [recitals(oldTreaty), recitals(newTreaty)],
    [oldTreaty.notes.map((n) => n.unit), newTreaty.notes.map((n) => n.unit)],
  ]) {
    if (olds.length && news.length) link(matchItems(olds.map((u) => itemOf(old, u)), news.map((u) => itemOf(neu, u)), PARAGRAPHS), olds, news);
  }
  for (const kind of ['part', 'chapter', 'section', 'annex'] as UnitKind[]) matchContainers(kind, oldTreaty, newTreaty, correspondence);

  // Every number is keyed by the unit it stands for in the new draft.
  const keyOld: KeyOf = (s, text) => keyOf(s, text, (u) => {
    const n = correspondence.get(u);
    return n ? `u${n.index}` : `o${u.index}`;
  });
  const keyNew: KeyOf = (s, text) => keyOf(s, text, (u) => `u${u.index}`);
  const articleTokens = (d: Draft, u: Unit, key: KeyOf) => tokenize(d.treaty.text, d.specials, u.span.start, u.span.end, key);

  const rowByOld = new Map<Unit, ArticleRow>();
  const rowByNew = new Map<Unit, ArticleRow>();
  for (const p of articlePairs) {
    const o = oldTreaty.articles[p.old];
    const n = newTreaty.articles[p.new];
    const a = articleTokens(old, o, keyOld);
    const b = articleTokens(neu, n, keyNew);
    const row: ArticleRow = {
      old: o,
      new: n,
      status: sameText(a, b) ? 'unchanged' : 'changed',
      renumbered: o.number !== n.number,
      moved: p.moved,
      score: p.score,
      paragraphs: paragraphRows(n, childPairs, a, b),
      ops: articleOps(a, b, n, childPairs),
      tokens: { old: a, new: b },
    };
    rowByOld.set(o, row);
    rowByNew.set(n, row);
  }
  for (const o of oldTreaty.articles) if (!rowByOld.has(o)) rowByOld.set(o, lone(o, 'deleted', articleTokens(old, o, keyOld)));
  for (const n of newTreaty.articles) if (!rowByNew.has(n)) rowByNew.set(n, lone(n, 'added', articleTokens(neu, n, keyNew)));

  const pieces = piecesOf(old, neu, articlePairs, rowByOld, rowByNew, keyOld, keyNew);
  const articles: ArticleRow[] = [];
  for (const piece of pieces) {
    if (piece.type !== 'article') continue;
    if (piece.side !== 'old' || piece.row.status === 'deleted') articles.push(piece.row);
  }
  return { old, new: neu, articles, pieces, correspondence, summary: summarize(articles, oldTreaty, newTreaty) };
}

function lone(u: Unit, status: 'added' | 'deleted', tokens: Token[]): ArticleRow {
  const side = status === 'added' ? 'new' : 'old';
  return { [side]: u, status, renumbered: false, moved: false, score: 0, paragraphs: [], ops: [], tokens: { old: side === 'old' ? tokens : [], new: side === 'new' ? tokens : [] } };
}

function keyOf(s: Special, text: string, unitKey: (u: Unit) => string): string | undefined {
  switch (s.kind) {
    case 'number':
      return `#${unitKey(s.unit!)}`;
    case 'ref':
      return `@${unitKey(s.unit!)}`;
    case 'drop':
      return undefined;
    default:
      return `${s.kind}:${text.slice(s.start, s.end)}`;
  }
}

// ---------------------------------------------------------------- matching features

const STOP = new Set(['the', 'of', 'and', 'to', 'in', 'for', 'a', 'an', 'with', 'on', 'by', 'or', 'its', 'their']);

/** What matching reads of a unit: its words (numbers and annotations left out) and its title. */
function draftOf(name: string, treaty: Treaty, reading: 'reject' | 'accept'): Draft {
  const specials = specialsOf(treaty, reading);
  return { name, treaty, specials, features: tokenize(treaty.text, specials, 0, treaty.text.length, () => undefined) };
}

function itemOf(d: Draft, unit: Unit, withTitle = false): Item {
  const tokens = tokensIn(d.features, unit.span);
  const words = new Map<string, number>();
  const head = new Map<string, number>();
  const exact: string[] = [];
  let inHead = true;
  for (const t of tokens) {
    if (t.kind === 'space') {
      if (t.key === '\n') inHead = false;
      continue;
    }
    exact.push(t.key);
    if (t.kind !== 'word' || isDigits(t.key)) continue;
    const w = t.key.toLowerCase();
    words.set(w, (words.get(w) ?? 0) + 1);
    if (inHead) head.set(w, (head.get(w) ?? 0) + 1);
  }
  const item: Item = { unit, words, head, exact: exact.join(' ') };
  if (withTitle && unit.title) {
    const title = unit.title.replace(/\[\^[^\]]*\]/g, '').toLowerCase().match(WORDS) ?? [];
    item.title = new Set(title.filter((w) => !STOP.has(w)));
  }
  return item;
}

const WORDS = /[\p{L}\p{N}]+/gu;
function isDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Chapters (parts, sections, annexes) pair by the articles they hold, else by title. */
function matchContainers(kind: UnitKind, oldTreaty: Treaty, newTreaty: Treaty, correspondence: Map<Unit, Unit>): void {
  const olds = oldTreaty.units.filter((u) => u.kind === kind);
  const news = newTreaty.units.filter((u) => u.kind === kind);
  if (!olds.length || !news.length) return;
  const votes = new Map<string, { o: Unit; n: Unit; count: number }>();
  for (const a of oldTreaty.articles) {
    const b = correspondence.get(a);
    const o = b && ancestor(a, kind);
    const n = b && ancestor(b, kind);
    if (!o || !n) continue;
    const key = `${o.index}:${n.index}`;
    const v = votes.get(key);
    if (v) v.count++;
    else votes.set(key, { o, n, count: 1 });
  }
  const done = new Set<Unit>();
  for (const v of [...votes.values()].sort((x, y) => y.count - x.count || x.n.index - y.n.index)) {
    if (done.has(v.o) || done.has(v.n)) continue;
    correspondence.set(v.o, v.n);
    done.add(v.o).add(v.n);
  }
  for (const o of olds) {
    if (done.has(o)) continue;
    const n = news.find((u) => !done.has(u) && (u.title ?? '').toLowerCase() === (o.title ?? '').toLowerCase());
    if (!n) continue;
    correspondence.set(o, n);
    done.add(o).add(n);
  }
}

function ancestor(u: Unit, kind: UnitKind): Unit | undefined {
  for (let p = u.parent; p; p = p.parent) if (p.kind === kind) return p;
  return undefined;
}

// ---------------------------------------------------------------- paragraphs

function paragraphRows(n: Unit, childPairs: ChildPairs, a: Token[], b: Token[]): UnitRow[] {
  const rows: UnitRow[] = [];
  const visit = (parent: Unit) => {
    const entry = childPairs.get(parent);
    if (!entry) return;
    const { pairs, olds, news } = entry;
    const byNew = new Map(pairs.map((p) => [p.new, p]));
    const byOld = new Map(pairs.map((p) => [p.old, p]));
    // A deleted child is listed after the child that preceded it, wherever that went.
    const deletedAfter = new Map<number, number[]>();
    let lastNew = -1;
    olds.forEach((_, i) => {
      const p = byOld.get(i);
      if (p) lastNew = p.new;
      else deletedAfter.set(lastNew, [...(deletedAfter.get(lastNew) ?? []), i]);
    });
    const flushDeleted = (after: number) => {
      for (const i of deletedAfter.get(after) ?? []) rows.push({ old: olds[i], status: 'deleted', renumbered: false, moved: false });
    };
    flushDeleted(-1);
    news.forEach((u, j) => {
      const p = byNew.get(j);
      if (!p) rows.push({ new: u, status: 'added', renumbered: false, moved: false });
      else {
        const o = olds[p.old];
        rows.push({ old: o, new: u, status: sameText(tokensIn(a, o.span), tokensIn(b, u.span)) ? 'unchanged' : 'changed', renumbered: o.number !== u.number, moved: p.moved });
        visit(u);
      }
      flushDeleted(j);
    });
  };
  visit(n);
  return rows;
}

// ---------------------------------------------------------------- differences

type ChildPairs = Map<Unit, { pairs: Pair[]; olds: Unit[]; news: Unit[] }>;

/**
 * The word differences of two matched units, following their matched children: each pair of
 * children in order is compared on its own (recursively), and the text between such pairs with
 * every other child as one token — a child deleted, added or moved is removed or inserted
 * whole, never diffed against some other paragraph's words.
 */
function alignedOps(a: Token[], b: Token[], n: Unit, childPairs: ChildPairs): Op[] {
  const entry = childPairs.get(n);
  if (!entry || entry.pairs.length === 0) return diffTokens(a, b);
  const { pairs, olds, news } = entry;
  const anchors = pairs.filter((p) => !p.moved);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k <= anchors.length; k++) {
    const oldEnd = k < anchors.length ? olds[anchors[k].old].span.start : Infinity;
    const newEnd = k < anchors.length ? news[anchors[k].new].span.start : Infinity;
    const left = standingIn(a, i, oldEnd, olds, 'old');
    const right = standingIn(b, j, newEnd, news, 'new');
    i = left.next;
    j = right.next;
    for (const op of diffTokens(left.tokens, right.tokens)) {
      ops.push(op.type === 'equal' ? op : { type: 'change', old: op.old.flatMap((t) => left.whole.get(t) ?? [t]), new: op.new.flatMap((t) => right.whole.get(t) ?? [t]) });
    }
    if (k === anchors.length) break;
    const oc = olds[anchors[k].old];
    const nc = news[anchors[k].new];
    const ca = runOf(a, i, oc.span.end);
    const cb = runOf(b, j, nc.span.end);
    i += ca.length;
    j += cb.length;
    ops.push(...alignedOps(ca, cb, nc, childPairs));
  }
  return joinOps(ops);
}

/** The heading line compared on its own, then the body following the paragraphs. */
function articleOps(a: Token[], b: Token[], n: Unit, childPairs: ChildPairs): Op[] {
  const lineEnd = (tokens: Token[]) => {
    const i = tokens.findIndex((t) => t.key === '\n');
    return i < 0 ? tokens.length : i;
  };
  const i = lineEnd(a);
  const j = lineEnd(b);
  return joinOps([...diffTokens(a.slice(0, i), b.slice(0, j)), ...alignedOps(a.slice(i), b.slice(j), n, childPairs)]);
}

/** Tokens from `from` up to offset `end`, each child unit among `units` as one token standing for its run. */
function standingIn(tokens: Token[], from: number, end: number, units: Unit[], side: 'old' | 'new') {
  const out: Token[] = [];
  const whole = new Map<Token, Token[]>();
  const byStart = new Map(units.map((u) => [u.span.start, u]));
  let i = from;
  while (i < tokens.length && tokens[i].start < end) {
    const t = tokens[i];
    const unit = byStart.get(t.start);
    if (!unit) {
      out.push(t);
      i++;
      continue;
    }
    const run = runOf(tokens, i, unit.span.end);
    const stand: Token = { start: unit.span.start, end: unit.span.end, kind: 'unit', key: `${side}-unit:${unit.index}` };
    whole.set(stand, run);
    out.push(stand);
    i += run.length;
  }
  return { tokens: out, whole, next: i };
}

/** Tokens from index `from` that start before offset `end`. */
function runOf(tokens: Token[], from: number, end: number): Token[] {
  let i = from;
  while (i < tokens.length && tokens[i].start < end) i++;
  return tokens.slice(from, i);
}

// ---------------------------------------------------------------- the whole text

/**
 * The pieces of the whole text. Matched articles in order are anchors; between two anchors,
 * the text (chapter headings, the preamble, notes) is compared word by word, each other
 * article standing in it as one token: a deleted or added article, or a moved one.
 */
function piecesOf(
  old: Draft,
  neu: Draft,
  pairs: Pair[],
  rowByOld: Map<Unit, ArticleRow>,
  rowByNew: Map<Unit, ArticleRow>,
  keyOld: KeyOf,
  keyNew: KeyOf,
): Piece[] {
  const anchors = pairs.filter((p) => !p.moved).map((p) => ({ o: old.treaty.articles[p.old], n: neu.treaty.articles[p.new] }));
  const pieces: Piece[] = [];
  // The front matter is metadata, compared on its own: its text is never treaty text.
  const oldBody = old.treaty.syntax.frontMatter?.span.end ?? 0;
  const newBody = neu.treaty.syntax.frontMatter?.span.end ?? 0;
  if (oldBody > 0 || newBody > 0) {
    const a = tokenize(old.treaty.text, [], 0, oldBody, keyOld);
    const b = tokenize(neu.treaty.text, [], 0, newBody, keyNew);
    for (const op of diffTokens(a, b)) pieces.push({ type: 'text', op, frontMatter: true });
  }
  for (let k = 0; k <= anchors.length; k++) {
    const oldFrom = k === 0 ? oldBody : anchors[k - 1].o.span.end;
    const oldTo = k === anchors.length ? old.treaty.text.length : anchors[k].o.span.start;
    const newFrom = k === 0 ? newBody : anchors[k - 1].n.span.end;
    const newTo = k === anchors.length ? neu.treaty.text.length : anchors[k].n.span.start;
    const oldStand = standIns(old.treaty.articles, oldFrom, oldTo, 'old');
    const newStand = standIns(neu.treaty.articles, newFrom, newTo, 'new');
    const a = tokenize(old.treaty.text, old.specials, oldFrom, oldTo, keyOld, oldStand.spans);
    const b = tokenize(neu.treaty.text, neu.specials, newFrom, newTo, keyNew, newStand.spans);
    for (const op of diffTokens(a, b)) {
      if (op.type === 'equal') pieces.push({ type: 'text', op });
      else pieces.push(...changePieces(op, (t) => rowByOld.get(oldStand.units.get(t.start)!)!, (t) => rowByNew.get(newStand.units.get(t.start)!)!));
    }
    if (k < anchors.length) pieces.push({ type: 'article', row: rowByNew.get(anchors[k].n)!, side: 'both' });
  }
  return pieces;
}

function standIns(articles: Unit[], from: number, to: number, side: 'old' | 'new') {
  const inside = articles.filter((u) => u.span.start >= from && u.span.end <= to);
  return {
    spans: inside.map((u) => ({ span: u.span, key: `${side}-article:${u.index}` })),
    units: new Map(inside.map((u) => [u.span.start, u])),
  };
}

/** A change between anchors, split into text and whole articles: what went first, then what came. */
function changePieces(op: Op, oldRow: (t: Token) => ArticleRow, newRow: (t: Token) => ArticleRow): Piece[] {
  const out: Piece[] = [];
  const runs = (tokens: Token[], side: 'old' | 'new') => {
    let text: Token[] = [];
    const flush = () => {
      if (text.length) out.push({ type: 'text', op: { type: 'change', old: side === 'old' ? text : [], new: side === 'new' ? text : [] } });
      text = [];
    };
    for (const t of tokens) {
      if (t.kind !== 'unit') {
        text.push(t);
        continue;
      }
      flush();
      const row = side === 'old' ? oldRow(t) : newRow(t);
      // A moved article is shown whole at its new place; its old place only says it left.
      out.push({ type: 'article', row, side: row.status === 'deleted' || row.status === 'added' ? side : side === 'old' ? 'old' : 'both' });
    }
    flush();
  };
  runs(op.old, 'old');
  const firstNew = out.length;
  runs(op.new, 'new');
  // Text that went right before text that came reads as one substitution.
  const a = out[firstNew - 1];
  const b = out[firstNew];
  if (a?.type === 'text' && b?.type === 'text') {
    out.splice(firstNew - 1, 2, { type: 'text', op: { type: 'change', old: a.op.old, new: b.op.new } });
  }
  return out;
}

function summarize(rows: ArticleRow[], oldTreaty: Treaty, newTreaty: Treaty): Summary {
  const count = (f: (r: UnitRow) => boolean, list: UnitRow[] = rows) => list.filter(f).length;
  const paragraphs = rows.flatMap((r) => r.paragraphs);
  return {
    articles: { old: oldTreaty.articles.length, new: newTreaty.articles.length },
    matched: count((r) => !!r.old && !!r.new),
    unchanged: count((r) => r.status === 'unchanged'),
    changed: count((r) => r.status === 'changed'),
    added: count((r) => r.status === 'added'),
    deleted: count((r) => r.status === 'deleted'),
    renumbered: count((r) => r.renumbered),
    moved: count((r) => r.moved),
    paragraphs: {
      matched: count((r) => !!r.old && !!r.new, paragraphs),
      changed: count((r) => r.status === 'changed', paragraphs),
      added: count((r) => r.status === 'added', paragraphs),
      deleted: count((r) => r.status === 'deleted', paragraphs),
      renumbered: count((r) => r.renumbered, paragraphs),
    },
  };
}
