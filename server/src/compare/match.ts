// Which unit of the old draft became which of the new: by what they say (title and words),
// never by number. Identical texts pair first; then the most similar pairs anywhere (an
// article moved to another chapter is still found); then, between two pairs already made,
// the less similar ones left in the same place (a paragraph reworded where it stood).
// Pairs out of order with the rest are "moved".
import type { Unit } from '../model/types';

export interface Item {
  unit: Unit;
  /** Words (lower case, numbers left out) with their counts. */
  words: Map<string, number>;
  /** Words of the title, when the unit has one. */
  title?: Set<string>;
  /** The words of its first line: a subparagraph is known by its opening words more than by a tail it carries. */
  head?: Map<string, number>;
  /** The text with every number left out: equal keys are identical texts up to numbering. */
  exact: string;
}

export interface Pair {
  old: number;
  new: number;
  /** 0…1; 1 for identical texts. */
  score: number;
  moved: boolean;
}

export interface MatchOptions {
  /** Share of the title in the score when both units have one. */
  titleWeight: number;
  /** Share of the first line's likeness in the content score. */
  headWeight: number;
  /** Least score for a pair anywhere. */
  threshold: number;
  /** Least score for a pair between the same neighbouring pairs on both sides. */
  slotThreshold: number;
}

export const ARTICLES: MatchOptions = { titleWeight: 0.3, headWeight: 0, threshold: 0.35, slotThreshold: 0.2 };
export const PARAGRAPHS: MatchOptions = { titleWeight: 0, headWeight: 0.5, threshold: 0.45, slotThreshold: 0.2 };

export function matchItems(olds: Item[], news: Item[], options: MatchOptions): Pair[] {
  const oldTaken = new Array<number>(olds.length).fill(-1);
  const newTaken = new Array<number>(news.length).fill(-1);
  const pairs: Pair[] = [];
  const take = (i: number, j: number, score: number) => {
    oldTaken[i] = j;
    newTaken[j] = i;
    pairs.push({ old: i, new: j, score, moved: false });
  };

  // 1. Identical texts (up to numbering), in order.
  const byExact = new Map<string, number[]>();
  news.forEach((it, j) => {
    const list = byExact.get(it.exact);
    if (list) list.push(j);
    else byExact.set(it.exact, [j]);
  });
  olds.forEach((it, i) => {
    const list = byExact.get(it.exact);
    const j = list?.shift();
    if (j !== undefined) take(i, j, 1);
  });

  // 2. The most similar pairs anywhere.
  const candidates = scorePairs(olds, news, oldTaken, newTaken, options);
  const nearer = (a: Candidate, b: Candidate) => b.score - a.score || drift(a) - drift(b) || a.old - b.old || a.new - b.new;
  const drift = (c: Candidate) => Math.abs(c.old / Math.max(1, olds.length) - c.new / Math.max(1, news.length));
  candidates.sort(nearer);
  for (const c of candidates) if (c.score >= options.threshold && oldTaken[c.old] < 0 && newTaken[c.new] < 0) take(c.old, c.new, c.score);

  // 3. Between the same two pairs on both sides, a weaker likeness is enough.
  const anchors = inOrder(pairs).map((k) => pairs[k]);
  const oldSlot = slots(olds.length, anchors.map((p) => p.old));
  const newSlot = slots(news.length, anchors.map((p) => p.new));
  for (const c of candidates) {
    if (c.score < options.slotThreshold || oldTaken[c.old] >= 0 || newTaken[c.new] >= 0) continue;
    if (oldSlot[c.old] === newSlot[c.new]) take(c.old, c.new, c.score);
  }

  const kept = new Set(inOrder(pairs));
  pairs.forEach((p, k) => (p.moved = !kept.has(k)));
  return pairs.sort((a, b) => a.new - b.new);
}

interface Candidate {
  old: number;
  new: number;
  score: number;
}

/**
 * Similarity of every free pair that shares a word: words weighted by rarity (a word in every
 * article, "States Parties", says little), Dice's coefficient over the weighted counts, blended
 * with the likeness of the titles.
 */
function scorePairs(olds: Item[], news: Item[], oldTaken: number[], newTaken: number[], options: MatchOptions): Candidate[] {
  const freeOld = olds.map((_, i) => i).filter((i) => oldTaken[i] < 0);
  const freeNew = news.map((_, j) => j).filter((j) => newTaken[j] < 0);
  if (freeOld.length === 0 || freeNew.length === 0) return [];
  const df = new Map<string, number>();
  for (const it of [...olds, ...news]) for (const w of it.words.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const total = olds.length + news.length;
  const idfs = new Map<string, number>();
  for (const [w, n] of df) idfs.set(w, Math.log(1 + total / n));
  const idf = (w: string) => idfs.get(w) ?? Math.log(1 + total);
  const weights = new Map<Map<string, number>, number>();
  const weight = (words: Map<string, number>) => {
    let sum = weights.get(words);
    if (sum !== undefined) return sum;
    sum = 0;
    for (const [w, n] of words) sum += n * idf(w);
    weights.set(words, sum);
    return sum;
  };
  const similarity = (a: Map<string, number>, b: Map<string, number>) => {
    let common = 0;
    for (const [w, n] of a) {
      const m = b.get(w);
      if (m) common += Math.min(n, m) * idf(w);
    }
    const denominator = weight(a) + weight(b);
    return denominator > 0 ? (2 * common) / denominator : 0;
  };
  const oldWeight = new Map(freeOld.map((i) => [i, weight(olds[i].words)]));
  const newWeight = new Map(freeNew.map((j) => [j, weight(news[j].words)]));
  // Inverted index of the free new items: only pairs sharing a word are scored.
  const postings = new Map<string, { j: number; n: number }[]>();
  for (const j of freeNew) {
    for (const [w, n] of news[j].words) {
      const list = postings.get(w);
      if (list) list.push({ j, n });
      else postings.set(w, [{ j, n }]);
    }
  }
  const out: Candidate[] = [];
  for (const i of freeOld) {
    const shared = new Map<number, number>();
    for (const [w, n] of olds[i].words) {
      const list = postings.get(w);
      if (!list) continue;
      const f = idf(w);
      for (const p of list) shared.set(p.j, (shared.get(p.j) ?? 0) + Math.min(n, p.n) * f);
    }
    const titled = new Set<number>();
    for (const [j, common] of shared) {
      const denominator = oldWeight.get(i)! + newWeight.get(j)!;
      let content = denominator > 0 ? (2 * common) / denominator : 0;
      const heads = options.headWeight > 0 && olds[i].head && news[j].head;
      if (heads) content = options.headWeight * similarity(olds[i].head!, news[j].head!) + (1 - options.headWeight) * content;
      out.push({ old: i, new: j, score: blend(content, olds[i], news[j], options) });
      titled.add(j);
    }
    // A title kept while every word changed still says something.
    if (options.titleWeight > 0 && olds[i].title?.size) {
      for (const j of freeNew) if (!titled.has(j)) out.push({ old: i, new: j, score: blend(0, olds[i], news[j], options) });
    }
  }
  return out.filter((c) => c.score > 0);
}

function blend(content: number, a: Item, b: Item, options: MatchOptions): number {
  if (!options.titleWeight || !a.title?.size || !b.title?.size) return content;
  return options.titleWeight * dice(a.title, b.title) + (1 - options.titleWeight) * content;
}

function dice(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

/** Indexes of the longest run of pairs in order on both sides (a longest increasing subsequence). */
function inOrder(pairs: Pair[]): number[] {
  const order = pairs.map((_, k) => k).sort((x, y) => pairs[x].old - pairs[y].old);
  const tails: number[] = [];
  const prev = new Array<number>(order.length).fill(-1);
  for (let q = 0; q < order.length; q++) {
    const v = pairs[order[q]].new;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[order[tails[mid]]].new < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[q] = tails[lo - 1];
    tails[lo] = q;
  }
  const out: number[] = [];
  for (let q = tails.length ? tails[tails.length - 1] : -1; q >= 0; q = prev[q]) out.push(order[q]);
  return out.reverse();
}

/** For each index, how many anchors (increasing indexes) stand before it: its slot between them. */
function slots(length: number, anchors: number[]): number[] {
  const out = new Array<number>(length);
  let k = 0;
  for (let i = 0; i < length; i++) {
    while (k < anchors.length && anchors[k] < i) k++;
    out[i] = k;
  }
  return out;
}
