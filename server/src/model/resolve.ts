// The one reference resolver: parsed paths of labels → the units of a treaty they name.
// Used for this treaty's own references (model/references.ts) and for references into
// another treaty of the workspace (model/crossdoc.ts), so every form works across documents.
import { romanValue } from '../syntax/numerals';
import type { ParsedRef, Seg, TargetSpec } from './refgrammar';
import { ancestor, describe } from './units';
import type { RefNumber, Span, Unit } from './types';

/** What the resolver needs of a treaty: its units, indexed once. */
export interface ResolveScope {
  roots: Unit[];
  /** Every article, annexes' own included, in document order. */
  articles: Unit[];
  byLevel: { chapter: Unit[]; part: Unit[]; section: Unit[]; annex: Unit[] };
  preamble?: Unit;
}

/** Where a reference is read from: what `this article`, `paragraph 2` and `the same article` mean. */
export interface ReadingContext {
  from?: Unit;
  /** The article (or annex, or note's article) a bare paragraph number counts in. */
  article?: Unit;
  /** The unit a bare subparagraph label counts in. */
  paragraph?: Unit;
  /** The article the previous reference of the sentence named (`of the same article`). */
  previousArticle?: Unit;
  /** Bare labels are read inside `from` (a note reads them in the unit it cites), not beside it. */
  inside?: boolean;
}

export interface Resolution {
  numbers: RefNumber[];
  targets: Unit[];
  missing: { span: Span; description: string }[];
  /** `subparagraph (a) of this article` where (a) stands in paragraph 9: read, with the precise form. */
  imprecise: { span: Span; precise: string }[];
  /** A paragraph or subparagraph with nothing to count from (`paragraph 3 of the Convention`, across documents). */
  unanchored?: boolean;
}

export function emptyResolution(): Resolution {
  return { numbers: [], targets: [], missing: [], imprecise: [] };
}

const isPoint = (u: Unit) => u.kind === 'subparagraph' || u.kind === 'subsubparagraph';

type Division = 'chapter' | 'part' | 'section' | 'annex';
const isDivision = (level: string): level is Division => level === 'chapter' || level === 'part' || level === 'section' || level === 'annex';

export class Resolver {
  // Units by number, indexed once per holder instead of searched per reference: 10 000
  // references into 10 000 paragraphs were quadratic. The first in order wins.
  private readonly childIndexes = new Map<Unit, Map<string, Unit>>();
  private readonly articleIndexes = new Map<Unit | undefined, Map<string, Unit>>();
  private readonly divisionIndexes = new Map<Division, { byNumber: Map<string, Unit>; byValue: Map<string, Unit> }>();

  /** `suffix` names the treaty in messages about another document (`of the Convention`). */
  constructor(
    readonly scope: ResolveScope,
    private readonly suffix = '',
  ) {}

  /** Resolves every spec of `parsed` from `ctx` into `out`. */
  resolve(parsed: ParsedRef, ctx: ReadingContext, out: Resolution): void {
    const q = parsed.qualifier;
    let base: Unit | undefined;
    let baseMissing: string | undefined;
    // Inside an annex with articles of its own, a bare `Article 1` is the annex's; `of this Convention` is the treaty's.
    const selfOnly = q.kind === 'self';
    const path = q.kind === 'path' ? q.segs : q.kind === 'external' ? q.path : undefined;
    if (path && path.length > 0) {
      const r = this.walk(path, path[0].level === 'article' || isDivision(path[0].level) ? undefined : ctx.article, ctx, selfOnly);
      for (const n of r.numbers) out.numbers.push(n);
      base = r.unit;
      if (!base) baseMissing = r.missing;
    } else if (q.kind === 'thisParagraph') base = ctx.paragraph;
    else if (q.kind === 'thisArticle') base = ctx.article;
    else if (q.kind === 'thisAnnex') base = ancestor(ctx.from, 'annex');
    else if (q.kind === 'sameArticle') base = ctx.previousArticle ?? ctx.article;
    else if (q.kind === 'preamble') base = this.scope.preamble;
    else if (q.kind === 'external' && path?.length === 0 && parsed.specs[0].segs[0].level !== 'article' && !isDivision(parsed.specs[0].segs[0].level)) out.unanchored = true;
    const first = parsed.specs[0].segs[0];
    if (!base && !baseMissing && q.kind !== 'external') {
      if (first.level === 'paragraph') base = ctx.article;
      // A bare label is looked for beside the subparagraph it is written in, then outwards.
      else if (first.level === 'point') base = ctx.inside ? ctx.from : ctx.from && ctx.paragraph && isPoint(ctx.from) ? ctx.from.parent : ctx.paragraph;
    }
    const relative = first.level === 'point' && (q.kind === 'none' || q.kind === 'thisArticle');
    for (const spec of parsed.specs) this.resolveSpec(spec, base, baseMissing, ctx, out, relative, selfOnly, parsed.direction);
  }

  /** Follows segments from `start` (or from the top for an article or division). */
  walk(segs: Seg[], start: Unit | undefined, ctx: ReadingContext, selfOnly: boolean, relative = false): { unit?: Unit; missing?: string; numbers: RefNumber[] } {
    let node = start;
    const numbers: RefNumber[] = [];
    let missing: string | undefined;
    for (let k = 0; k < segs.length; k++) {
      const s = segs[k];
      let next: Unit | undefined;
      if (!missing) {
        next = this.step(node, s, ctx, selfOnly, relative && k === 0);
        if (!next) missing = this.missingText(s, node);
      }
      numbers.push({ text: s.label, span: s.span, level: s.level, unit: next });
      node = next;
    }
    return { unit: missing ? undefined : node, missing, numbers };
  }

  /** The unit `s` names under `node`; articles and divisions from the top (or within `node`). */
  step(node: Unit | undefined, s: Seg, ctx: ReadingContext, selfOnly: boolean, relativeFirst: boolean): Unit | undefined {
    switch (s.level) {
      case 'article':
        // `Article 4 of Annex E`: only that annex's own articles.
        if (node) return this.articlesOf(node).get(normalizeNumber(s.label));
        return this.article(s.label, selfOnly ? undefined : ctx.from, selfOnly);
      case 'chapter':
      case 'part':
      case 'section':
      case 'annex':
        return this.division(s.level, s.label, node);
      case 'paragraph': {
        if (!node) return undefined;
        if (node.kind === 'preamble') return recital(node, s.label);
        const holder = node.kind === 'paragraph' && node.implicit ? node.parent! : node;
        return this.child(holder, `para ${s.label}`);
      }
      case 'point': {
        if (!node) return undefined;
        let holder: Unit | undefined = node;
        if (holder.kind === 'article' || holder.kind === 'annex') holder = this.child(holder, 'implicit') ?? holder;
        // A bare label is read from where it is written outwards: `subparagraph (ii)` in (a) (i) is (a) (ii).
        for (let h: Unit | undefined = holder; h; h = relativeFirst ? h.parent : undefined) {
          const found = this.child(h, `point ${s.label}`);
          if (found) return found;
          if (h.kind === 'paragraph' || h.kind === 'article' || h.kind === 'annex') break;
        }
        return undefined;
      }
    }
  }

  private resolveSpec(spec: TargetSpec, base: Unit | undefined, baseMissing: string | undefined, ctx: ReadingContext, out: Resolution, relative: boolean, selfOnly: boolean, direction: 'above' | 'below' | undefined): void {
    const top = spec.segs[0].level;
    const rooted = top === 'article' || isDivision(top);
    // `Part I of Annex B`, `Article 3 of Annex E`: counted within the annex; otherwise from the top.
    const startNode = rooted ? (base && base.kind === 'annex' ? base : undefined) : base;
    if (baseMissing || (!startNode && !rooted)) {
      for (const s of [...spec.segs, ...(spec.to ? [spec.to] : [])]) out.numbers.push({ text: s.label, span: s.span, level: s.level });
      if (out.unanchored) return;
      out.missing.push({ span: spec.segs[0].span, description: baseMissing ?? `${levelWord(spec.segs[0])} with no enclosing unit to count from${this.suffix}` });
      return;
    }
    let r = this.walk(spec.segs, startNode, ctx, selfOnly, relative);
    // `subparagraph (a) of this article`, `sub-paragraphs (a) to (e) above` with (a) in another paragraph:
    // read as a reader would, with a hint that names the precise form.
    if (!r.unit && startNode && top === 'point' && relative) {
      // `above` or `below` points the reader; only a reference with no pointer earns the hint.
      const article = ancestor(startNode, 'article');
      const holder = article && this.pointHolder(article, spec.segs[0].label, ctx.from, direction);
      if (holder) {
        const retry = this.walk(spec.segs, holder, ctx, selfOnly);
        if (retry.unit) {
          r = retry;
          if (!direction) {
            const where = article === ancestor(ctx.from, 'article') ? 'this article' : `article ${article.number}`;
            out.imprecise.push({ span: spec.segs[0].span, precise: `${levelWord(spec.segs[0])} of paragraph ${holder.number} of ${where}` });
          }
        }
      }
    }
    // A loop, not `push(...)`: thousands of numbers overflow the call stack.
    for (const n of r.numbers) out.numbers.push(n);
    if (!r.unit) {
      const failed = r.numbers.find((n) => !n.unit)!;
      out.missing.push({ span: failed.span, description: r.missing! });
      if (spec.to) out.numbers.push({ text: spec.to.label, span: spec.to.span, level: spec.to.level });
      return;
    }
    if (!spec.to) {
      out.targets.push(r.unit);
      return;
    }
    this.range(spec, r, ctx, selfOnly, out);
  }

  /** `articles 7 to 16`, `(a) to (c)`: both ends, and every unit of that kind between. */
  private range(spec: TargetSpec, r: { unit?: Unit; numbers: RefNumber[] }, ctx: ReadingContext, selfOnly: boolean, out: Resolution): void {
    const from = r.unit!;
    const to = spec.to!;
    // The range's end stands beside its start, in the unit that holds it.
    const parentNode = from.parent;
    const end = to.level === 'article' ? this.article(to.label, from, selfOnly) : this.step(parentNode, to, ctx, selfOnly, false);
    r.numbers[r.numbers.length - 1].rangeEndpoint = 'from';
    out.numbers.push({ text: to.label, span: to.span, level: to.level, unit: end, rangeEndpoint: 'to' });
    if (!end) {
      out.missing.push({ span: to.span, description: this.missingText(to, parentNode) });
      out.targets.push(from);
      return;
    }
    const siblings = to.level === 'article' ? this.scope.articles : isDivision(to.level) ? this.scope.byLevel[to.level] : from.parent!.children;
    let a = positionIn(siblings, from);
    let b = positionIn(siblings, end);
    if (a > b) [a, b] = [b, a];
    // An annex that numbers its own articles is a sequence of its own.
    const annex = ancestor(from, 'annex');
    for (let k = a; k <= b; k++) if (siblings[k].kind === from.kind && !siblings[k].implicit && ancestor(siblings[k], 'annex') === annex) out.targets.push(siblings[k]);
  }

  /** The paragraph of `article` that holds subparagraph `label`: the one the reference is written in, or the only one. */
  private pointHolder(article: Unit, label: string, from: Unit | undefined, direction: 'above' | 'below' | undefined): Unit | undefined {
    const holders = article.children.filter((p) => p.kind === 'paragraph' && this.child(p, `point ${label}`));
    const own = holders.find((p) => from && from.span.start >= p.span.start && from.span.end <= p.span.end);
    if (own || holders.length === 1) return own ?? holders[0];
    // `above`: the nearest paragraph before the reference that has it; `below`: the nearest after.
    if (!from || !direction) return undefined;
    const before = holders.filter((p) => p.span.end <= from.span.start);
    return direction === 'above' ? before[before.length - 1] : holders.find((p) => p.span.start >= from.span.end);
  }

  private child(holder: Unit, key: string): Unit | undefined {
    let index = this.childIndexes.get(holder);
    if (!index) {
      this.childIndexes.set(holder, (index = new Map()));
      for (const c of holder.children) {
        const k = c.kind === 'paragraph' ? (c.implicit ? 'implicit' : `para ${c.number}`) : c.kind === 'subparagraph' || c.kind === 'subsubparagraph' ? `point ${c.number}` : undefined;
        if (k !== undefined && !index.has(k)) index.set(k, c);
      }
    }
    return index.get(key);
  }

  /**
   * Article `label`: inside an annex that numbers articles of its own (Minamata's Annex E), the
   * nearest division's own article first; otherwise, and with `of this Convention`, the treaty's.
   */
  private article(label: string, near: Unit | undefined, selfOnly: boolean): Unit | undefined {
    const key = normalizeNumber(label);
    if (!selfOnly) {
      for (let c = near; c; c = c.parent) {
        if (c.kind !== 'annex' && c.kind !== 'part' && c.kind !== 'chapter' && c.kind !== 'section') continue;
        if (!ancestor(c, 'annex')) break;
        const found = this.articlesOf(c).get(key);
        if (found) return found;
      }
    }
    return this.articlesOf(undefined).get(key);
  }

  /** Articles by number: within a division of an annex, or (undefined) the treaty's, body first. */
  private articlesOf(within: Unit | undefined): Map<string, Unit> {
    let index = this.articleIndexes.get(within);
    if (index) return index;
    index = new Map();
    this.articleIndexes.set(within, index);
    const list = within ? this.scope.articles.filter((a) => a.span.start >= within.span.start && a.span.end <= within.span.end) : this.scope.articles;
    // The body's articles win over an annex's own with the same number.
    const ordered = within ? list : [...list.filter((a) => !ancestor(a, 'annex')), ...list.filter((a) => ancestor(a, 'annex'))];
    for (const a of ordered) if (a.number && !a.placeholder && !index.has(normalizeNumber(a.number))) index.set(normalizeNumber(a.number), a);
    return index;
  }

  private division(level: Division, label: string, within: Unit | undefined): Unit | undefined {
    if (within && within.kind !== 'article') {
      const value = divisionKey(label);
      return this.scope.byLevel[level].find((u) => u.parent === within && (normalizeNumber(u.number) === normalizeNumber(label) || (!!u.number && divisionKey(u.number) === value)));
    }
    let index = this.divisionIndexes.get(level);
    if (!index) {
      this.divisionIndexes.set(level, (index = { byNumber: new Map(), byValue: new Map() }));
      // The body's divisions win over an annex's own parts with the same number.
      const all = this.scope.byLevel[level];
      const ordered = level === 'annex' ? all : [...all.filter((u) => !ancestor(u.parent, 'annex')), ...all.filter((u) => ancestor(u.parent, 'annex'))];
      for (const u of ordered) {
        const k = normalizeNumber(u.number);
        if (!index.byNumber.has(k)) index.byNumber.set(k, u);
        const v = u.suffix ? undefined : divisionKey(u.number);
        if (v !== undefined && !index.byValue.has(v)) index.byValue.set(v, u);
      }
    }
    const byNumber = index.byNumber.get(normalizeNumber(label));
    const v = divisionKey(label);
    const byValue = v !== undefined ? index.byValue.get(v) : undefined;
    return byNumber && byValue ? (byNumber.index <= byValue.index ? byNumber : byValue) : byNumber ?? byValue;
  }

  missingText(s: Seg, parent: Unit | undefined): string {
    if (s.level === 'article' || isDivision(s.level)) return `${s.level} ${s.label}${parent && parent.kind === 'annex' ? ` of ${describe(parent)}` : ''}${this.suffix}`;
    const inside = parent ? describe(parent) : 'this text';
    if (s.level === 'paragraph') return `paragraph ${s.label} of ${inside}${this.suffix}`;
    return `subparagraph (${s.label}) of ${inside}${this.suffix}`;
  }
}

/** The N-th paragraph of the preamble: recitals are counted, not numbered. */
function recital(preamble: Unit, label: string): Unit | undefined {
  const n = parseInt(label, 10);
  const recitals = preamble.children.filter((c) => c.kind === 'recital' || (c.kind === 'paragraph' && !c.implicit));
  return recitals.find((c) => c.number === label) ?? (n >= 1 ? recitals[n - 1] : undefined);
}

/** Position of `unit` in a list of units in document order (binary search: long treaties have long lists). */
function positionIn(list: Unit[], unit: Unit): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = list[mid];
    if (u === unit) return mid;
    if (u.index < unit.index) lo = mid + 1;
    else hi = mid - 1;
  }
  return list.indexOf(unit);
}

export function levelWord(s: Seg): string {
  return s.level === 'point' ? `subparagraph (${s.label})` : `${s.level} ${s.label}`;
}

/** `7 Bis` and `7 bis` name the same article. */
export function normalizeNumber(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** `II`, `2` and `ii` name the same part; `A` names annex A. */
function divisionKey(label: string): string | undefined {
  if (/^\d+$/.test(label)) return String(parseInt(label, 10));
  const roman = romanValue(label);
  if (roman !== undefined && label.length > 1) return String(roman);
  if (/^[A-Za-z]$/.test(label)) return /^[IVXivx]$/.test(label) ? String(romanValue(label)) : `letter ${label.toUpperCase()}`;
  return undefined;
}
