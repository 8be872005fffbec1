// Finds the references in the prose and resolves each number to the unit it names.
import type { SyntaxTree } from '../syntax/tree';
import type { Span } from '../syntax/text';
import { isWordLetter, keywordOf, parseReference, startsWordToken, TokenStream, type GrammarContext, type ParsedRef, type Seg, type TargetSpec } from './refgrammar';
import { ancestor, describe, unitAt } from './units';
import { romanValue } from '../syntax/numerals';
import type { NoteGroup, RefNumber, Reference, Unit } from './types';

export interface ResolveScope {
  text: string;
  roots: Unit[];
  articles: Unit[];
  byLevel: { chapter: Unit[]; part: Unit[]; section: Unit[] };
  articleIndex: Map<string, Unit>;
}

// Where a keyword may stand; the tokenizer's rules then decide (startsWordToken, keywordOf).
// One search per region finds them all, and tokens are made only from a keyword on: most
// of a treaty's prose is never tokenized.
const KEYWORD = /(?:sub)?paragraph|article|chapter|section|part/gi;
// A region is read only if it has a keyword as a whole \w word: `article2` or `Part__` alone
// in a region is no reference (it is in a region that has another keyword).
const HAS_KEYWORD = /\b(?:articles?|paragraphs?|subparagraphs?|chapters?|parts?|sections?)\b/i;

export function findReferences(tree: SyntaxTree, scope: ResolveScope, ctx: GrammarContext, noteGroups: Map<number, Unit>): Reference[] {
  const refs: Reference[] = [];
  const text = tree.text;
  /** In a note, a bare "subparagraph (ii)" reads against the unit the note last cited. */
  const noteContext = new Map<Unit, Unit>();
  const groupTargets = new Map<Unit, Unit[]>();

  const scan = (region: Span, noteHeading: boolean) => {
    if (region.end <= region.start) return;
    // Searched within the region only: a search from it into the rest of the text would read
    // on to the next keyword, for each region that has none (quadratic).
    const place = text.slice(region.start, region.end);
    let pos = region.start;
    let hasKeyword: boolean | undefined;
    while (pos < region.end) {
      // `test`, not `exec`: no match array per keyword. The word around the match's end is
      // the candidate; a match inside a longer word fails keywordOf or startsWordToken below.
      KEYWORD.lastIndex = pos - region.start;
      if (!KEYWORD.test(place)) return;
      const matchEnd = region.start + KEYWORD.lastIndex;
      pos = matchEnd;
      // The whole word the tokenizer would read there, within the region. No keyword is
      // longer than 13 letters: look no further (a long run of letters is read once, not per match).
      let at = matchEnd;
      let wordEnd = matchEnd;
      const floor = Math.max(region.start, at - 14);
      while (at > floor && isWordLetter(text.charCodeAt(at - 1))) at--;
      const ceiling = Math.min(region.end, wordEnd + 14);
      while (wordEnd < ceiling && isWordLetter(text.charCodeAt(wordEnd))) wordEnd++;
      if (!keywordOf(text, at, wordEnd) || !startsWordToken(text, region.start, region.end, at, wordEnd)) continue;
      if (!(isBoundary(text, at - 1, region) && isBoundary(text, wordEnd, region))) {
        hasKeyword ??= HAS_KEYWORD.test(place);
        if (!hasKeyword) continue;
      }
      const parsed = parseReference(new TokenStream(text, at, region.end), 0, ctx);
      if (!parsed) continue;
      // `UNTOC Article 16`: an instrument named before the keyword, one space or tab away.
      let prefixInstrument: string | undefined;
      const gap = at - 1 > region.start ? text.charCodeAt(at - 1) : -1;
      if ((gap === 32 || gap === 9 || gap === 0xa0) && isWordLetter(text.charCodeAt(at - 2))) {
        let wordStart = at - 2;
        while (wordStart > region.start && isWordLetter(text.charCodeAt(wordStart - 1))) wordStart--;
        const before = text.slice(wordStart, at - 1);
        if (ctx.instruments.has(before.toLowerCase()) || /^[A-Z]{2,}$/.test(before)) prefixInstrument = before;
      }
      refs.push(resolve(parsed, unitAt(scope.roots, parsed.start), prefixInstrument, noteHeading));
      pos = parsed.end;
    }
  };

  const resolve = (parsed: ParsedRef, from: Unit | undefined, prefixInstrument: string | undefined, noteHeading: boolean): Reference => {
    const ref: Reference = {
      kind: 'internal',
      span: { start: parsed.start, end: parsed.end },
      text: text.slice(parsed.start, parsed.end),
      numbers: [],
      targets: [],
      missing: [],
      from,
      noteHeading: noteHeading || undefined,
    };
    if (parsed.placeholder) {
      ref.kind = 'placeholder';
      return ref;
    }
    const q = parsed.qualifier;
    if (prefixInstrument || q.kind === 'external') {
      ref.kind = 'external';
      ref.instrument = prefixInstrument ?? (q.kind === 'external' ? q.instrument : undefined);
      ref.instrumentKey = prefixInstrument ? ctx.instruments.get(prefixInstrument.toLowerCase()) ?? prefixInstrument : q.kind === 'external' ? q.key : undefined;
      for (const spec of parsed.specs) for (const seg of [...spec.segs, ...(spec.to ? [spec.to] : [])]) ref.numbers.push({ text: seg.label, span: seg.span, level: seg.level });
      return ref;
    }
    const note = ancestor(from, 'note');
    const group = ancestor(from, 'noteGroup');
    const context = note ? noteContext.get(note) ?? groupTargets.get(group!)?.[0] : undefined;
    const currentArticle = context ? ancestor(context, 'article') : ancestor(from, 'article');
    const currentParagraph = context ?? ancestor(from, 'paragraph');

    // What relative numbers are counted from.
    let base: Unit | undefined;
    let baseMissing: string | undefined;
    if (q.kind === 'path') {
      const r = walk(q.segs, q.segs[0].level === 'article' ? undefined : currentArticle, ref);
      for (const n of r.numbers) ref.numbers.push(n);
      base = r.unit;
      if (!base) baseMissing = r.missing;
    } else if (q.kind === 'thisParagraph') base = currentParagraph;
    else if (q.kind === 'thisArticle') base = currentArticle;
    const first = parsed.specs[0].segs[0];
    if (!base && !baseMissing) {
      if (first.level === 'paragraph') base = currentArticle;
      else if (first.level === 'point') base = currentParagraph;
    }
    for (const spec of parsed.specs) resolveSpec(spec, base, baseMissing, ref, first.level === 'point');
    // `article 17, paragraph 1 (a) (i) or (ii)`: one written number serves several paths; keep it once.
    // Most references have their numbers in order already, each once: no set, copy or sort then.
    if (!strictlyAscending(ref.numbers)) {
      const seen = new Set<number>();
      ref.numbers = ref.numbers.filter((n) => !seen.has(n.span.start) && seen.add(n.span.start)).sort((a, b) => a.span.start - b.span.start);
    }
    if (note && ref.targets.length > 0 && parsed.specs[0].segs[0].level === 'article') noteContext.set(note, ref.targets[ref.targets.length - 1]);
    if (noteHeading && from && from.kind === 'noteGroup') groupTargets.set(from, ref.targets);
    return ref;
  };

  /** Follow segments from `start` (or from the top for an article/division). */
  const walk = (segs: Seg[], start: Unit | undefined, ref: Reference, relative = false): { unit?: Unit; missing?: string; numbers: RefNumber[] } => {
    let node = start;
    const numbers: RefNumber[] = [];
    let missing: string | undefined;
    for (let k = 0; k < segs.length; k++) {
      const seg = segs[k];
      let next: Unit | undefined;
      if (!missing) {
        next = step(node, seg, relative && k === 0);
        if (!next) missing = missingText(seg, node);
      }
      numbers.push({ text: seg.label, span: seg.span, level: seg.level, unit: next });
      node = next;
    }
    void ref;
    return { unit: missing ? undefined : node, missing, numbers };
  };

  // Units by number, indexed once per list instead of searched for each reference: 10 000
  // references into 10 000 chapters or paragraphs were quadratic. The first in order wins, as with `find`.
  const childIndexes = new Map<Unit, Map<string, Unit>>();
  const child = (holder: Unit, key: string): Unit | undefined => {
    let index = childIndexes.get(holder);
    if (!index) {
      childIndexes.set(holder, (index = new Map()));
      for (const c of holder.children) {
        const k = c.kind === 'paragraph' ? (c.implicit ? 'implicit' : `para ${c.number}`) : c.kind === 'subparagraph' || c.kind === 'subsubparagraph' ? `point ${c.number}` : undefined;
        if (k !== undefined && !index.has(k)) index.set(k, c);
      }
    }
    return index.get(key);
  };
  const divisionIndexes = new Map<string, { byNumber: Map<string, Unit>; byValue: Map<number, Unit> }>();
  const division = (level: 'chapter' | 'part' | 'section', label: string): Unit | undefined => {
    let index = divisionIndexes.get(level);
    if (!index) {
      divisionIndexes.set(level, (index = { byNumber: new Map(), byValue: new Map() }));
      for (const u of scope.byLevel[level]) {
        const k = normalizeNumber(u.number);
        if (!index.byNumber.has(k)) index.byNumber.set(k, u);
        if (u.value !== undefined && !u.suffix && !index.byValue.has(u.value)) index.byValue.set(u.value, u);
      }
    }
    const byNumber = index.byNumber.get(normalizeNumber(label));
    const value = divisionValue(label);
    const byValue = value !== undefined ? index.byValue.get(value) : undefined;
    return byNumber && byValue ? (byNumber.index <= byValue.index ? byNumber : byValue) : byNumber ?? byValue;
  };

  const step = (node: Unit | undefined, seg: Seg, relativeFirst: boolean): Unit | undefined => {
    switch (seg.level) {
      case 'article':
        return scope.articleIndex.get(normalizeNumber(seg.label));
      case 'chapter':
      case 'part':
      case 'section':
        return division(seg.level, seg.label);
      case 'paragraph': {
        if (!node) return undefined;
        const holder = node.kind === 'paragraph' && node.implicit ? node.parent! : node;
        return child(holder, `para ${seg.label}`);
      }
      case 'point': {
        if (!node) return undefined;
        let holder: Unit | undefined = node;
        if (holder.kind === 'article') holder = child(holder, 'implicit');
        for (let h = holder; h; h = relativeFirst ? h.parent : undefined) {
          const found = child(h, `point ${seg.label}`);
          if (found) return found;
          if (h.kind === 'paragraph' || h.kind === 'article') break;
        }
        return undefined;
      }
    }
  };

  const resolveSpec = (spec: TargetSpec, base: Unit | undefined, baseMissing: string | undefined, ref: Reference, relative: boolean) => {
    const top = spec.segs[0].level;
    const startNode = top === 'article' || top === 'chapter' || top === 'part' || top === 'section' ? undefined : base;
    if (baseMissing || (!startNode && top !== 'article' && top !== 'chapter' && top !== 'part' && top !== 'section')) {
      for (const seg of [...spec.segs, ...(spec.to ? [spec.to] : [])]) ref.numbers.push({ text: seg.label, span: seg.span, level: seg.level });
      ref.missing.push({ span: spec.segs[0].span, description: baseMissing ?? `${levelWord(spec.segs[0])} with no enclosing unit to count from` });
      return;
    }
    const r = walk(spec.segs, startNode, ref, relative);
    // A loop, not `push(...)`: thousands of numbers overflow the call stack.
    for (const n of r.numbers) ref.numbers.push(n);
    if (!r.unit) {
      const failed = r.numbers.find((n) => !n.unit)!;
      ref.missing.push({ span: failed.span, description: r.missing! });
      if (spec.to) ref.numbers.push({ text: spec.to.label, span: spec.to.span, level: spec.to.level });
      return;
    }
    if (!spec.to) {
      ref.targets.push(r.unit);
      return;
    }
    const from = r.unit;
    const lastSeg = spec.segs[spec.segs.length - 1];
    const parentNode = r.numbers.length > 1 ? r.numbers[r.numbers.length - 2].unit : startNode;
    const end = step(parentNode, spec.to, false);
    r.numbers[r.numbers.length - 1].rangeEndpoint = 'from';
    ref.numbers.push({ text: spec.to.label, span: spec.to.span, level: spec.to.level, unit: end, rangeEndpoint: 'to' });
    if (!end) {
      ref.missing.push({ span: spec.to.span, description: missingText(spec.to, parentNode) });
      ref.targets.push(from);
      return;
    }
    const siblings = lastSeg.level === 'article' ? scope.articles : lastSeg.level === 'point' || lastSeg.level === 'paragraph' ? from.parent!.children : scope.byLevel[lastSeg.level as 'chapter'];
    let a = positionIn(siblings, from);
    let b = positionIn(siblings, end);
    if (a > b) [a, b] = [b, a];
    for (let k = a; k <= b; k++) if (siblings[k].kind === from.kind && !siblings[k].implicit) ref.targets.push(siblings[k]);
  };

  for (const block of tree.blocks) {
    if (block.type === 'heading') {
      const group = noteGroups.get(block.span.start);
      if (group) scan(block.rest, true);
      else if (block.title) scan(block.title.span, false);
    } else {
      scan(block.content, false);
    }
  }
  return refs;
}

/** Is text[at] outside the region or not a \w character (where `\b` would see a word end)? */
function isBoundary(text: string, at: number, region: Span): boolean {
  if (at < region.start || at >= region.end) return true;
  const c = text.charCodeAt(at);
  return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);
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

function levelWord(seg: Seg): string {
  return seg.level === 'point' ? `subparagraph (${seg.label})` : `${seg.level} ${seg.label}`;
}

function missingText(seg: Seg, parent: Unit | undefined): string {
  if (seg.level === 'article' || seg.level === 'chapter' || seg.level === 'part' || seg.level === 'section') return `${seg.level} ${seg.label}`;
  const inside = parent ? describe(parent) : 'this text';
  if (seg.level === 'paragraph') return `paragraph ${seg.label} of ${inside}`;
  return `subparagraph (${seg.label}) of ${inside}`;
}

/** `7 Bis` and `7 bis` name the same article. */
export function normalizeNumber(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, ' ');
}

function divisionValue(label: string): number | undefined {
  return /^\d+$/.test(label) ? parseInt(label, 10) : romanValue(label);
}

export function noteGroupHeadings(groups: NoteGroup[]): Map<number, Unit> {
  return new Map(groups.map((g) => [g.unit.anchorSpan.start, g.unit]));
}

/** Numbers already in order of their start, no start twice: what the dedupe and sort in `resolve` would leave unchanged. */
function strictlyAscending(numbers: RefNumber[]): boolean {
  for (let k = 1; k < numbers.length; k++) if (numbers[k].span.start <= numbers[k - 1].span.start) return false;
  return true;
}
