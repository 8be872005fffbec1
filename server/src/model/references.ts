// Finds the references in the prose: where a keyword starts one, the grammar reads it
// (model/refgrammar.ts) and the one resolver names its units (model/resolve.ts). What looks
// like a citation but cannot be read is kept as `unrecognised`, so no miss is silent.
import type { SyntaxTree } from '../syntax/tree';
import type { Span } from '../syntax/text';
import { parseReference, type GrammarContext, type ParsedRef } from './refgrammar';
import { isWordLetter, keywordOf, startsWordToken, TokenStream } from './reftokens';
import { emptyResolution, Resolver, type ReadingContext, type ResolveScope } from './resolve';
import { ancestor, unitAt } from './units';
import type { NoteGroup, Reference, Unit } from './types';

export { normalizeNumber } from './resolve';

// Where a keyword may stand; the tokenizer's rules then decide (startsWordToken, keywordOf).
// One search per region finds them all, and tokens are made only from a keyword on: most
// of a treaty's prose is never tokenized.
const KEYWORD = /paragraph|article|chapter|section|part|point|annex|appendi|\b(?:arts?|(?:sub)?paras?)\b/gi;
// A region is read only if it has a keyword as a whole \w word: `article2` or `Part__` alone
// in a region is no reference (it is in a region that has another keyword).
const HAS_KEYWORD = /\b(?:articles?|arts?|paragraphs?|paras?|subparagraphs?|subparas?|chapters?|parts?|sections?|points?|annex(?:es)?|appendix|appendices)\b/i;
/** What a designator looks like after a keyword: a number, a label, a numeral, an annex letter. */
const DESIGNATOR_AFTER = /^\.?[ \t\u00a0]*\*?(?:\d|\(\*?(?:[a-z]{1,4}|\d{1,3})\*?\)|[a-z]{1,2}\)|[IVXLC]+\b|[A-Z]\b)/;

export interface ScanResult {
  references: Reference[];
  /** Designator-like phrases (`Article 5bis`, `para 3`) no reference covers: keyword to designator. */
  unrecognised: Span[];
}

export function findReferences(tree: SyntaxTree, scope: ResolveScope, ctx: GrammarContext, noteGroups: Map<number, Unit>): ScanResult {
  return new ReferenceScanner(tree, scope, ctx, noteGroups).run();
}

class ReferenceScanner {
  readonly refs: Reference[] = [];
  readonly unrecognised: Span[] = [];
  readonly resolver: Resolver;
  readonly text: string;
  /** In a note, a bare "subparagraph (ii)" reads against the unit the note last cited. */
  readonly noteContext = new Map<Unit, Unit>();
  readonly groupTargets = new Map<Unit, Unit[]>();
  /** The article the last reference of this block named: `of the same article`. */
  previousArticle: Unit | undefined;
  /** Where the current block is read from, when not where it stands (a footnote). */
  readFrom: Unit | undefined;
  /** The last reference, when it had no qualifier: a later one may name its instrument. */
  lastBare: { ref: Reference; parsed: ParsedRef } | undefined;

  constructor(
    readonly tree: SyntaxTree,
    readonly scope: ResolveScope,
    readonly ctx: GrammarContext,
    readonly noteGroups: Map<number, Unit>,
  ) {
    this.text = tree.text;
    this.resolver = new Resolver(scope);
  }

  run(): ScanResult {
    // A footnote is read where it is called: `paragraphs (a) and (b) of this article` in a note on article 2.
    const calledAt = new Map<string, number>();
    for (const r of this.tree.footnoteRefs) if (!calledAt.has(r.label)) calledAt.set(r.label, r.span.start);
    for (const block of this.tree.blocks) {
      this.previousArticle = undefined;
      this.lastBare = undefined;
      this.readFrom = undefined;
      if (block.type === 'heading') {
        const group = this.noteGroups.get(block.span.start);
        if (group) this.scan(block.rest, true);
        else if (block.title) this.scan(block.title.span, false);
      } else {
        const call = block.type === 'footnoteDef' ? calledAt.get(block.label) : undefined;
        if (call !== undefined) this.readFrom = unitAt(this.scope.roots, call);
        this.scan(block.content, false);
      }
    }
    return { references: this.refs, unrecognised: this.unrecognised };
  }

  scan(region: Span, noteHeading: boolean): void {
    if (region.end <= region.start) return;
    const text = this.text;
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
      let { at, wordEnd } = wordAround(text, matchEnd, region);
      // `sub-paragraph`: one word for the tokenizer.
      if (at - 4 >= region.start && text.charCodeAt(at - 1) === 45 && text.slice(at - 4, at - 1).toLowerCase() === 'sub' && !isWordLetter(text.charCodeAt(at - 5))) at -= 4;
      if (!keywordOf(text, at, wordEnd) || !startsWordToken(text, region.start, region.end, at, wordEnd)) continue;
      if (!(isBoundary(text, at - 1, region) && isBoundary(text, wordEnd, region))) {
        hasKeyword ??= HAS_KEYWORD.test(place);
        if (!hasKeyword) continue;
      }
      const parsed = parseReference(new TokenStream(text, at, region.end), 0, this.ctx);
      if (!parsed) {
        this.noteUnrecognised(at, wordEnd, region);
        continue;
      }
      const ref = this.resolve(parsed, this.readFrom ?? unitAt(this.scope.roots, parsed.start), this.prefixInstrument(at, region), noteHeading);
      this.shareInstrument(ref, parsed);
      this.refs.push(ref);
      pos = parsed.end;
    }
  }

  /**
   * `Article 27 (…) and Article 28 (…) of the Budapest Convention`: a reference with no
   * qualifier of its own, joined by `and`/`or`/`,` to one that names another instrument,
   * cites that instrument too. Never bound to this treaty, never renumbered.
   */
  shareInstrument(ref: Reference, parsed: ParsedRef): void {
    const previous = this.lastBare;
    this.lastBare = parsed.qualifier.kind === 'none' && ref.kind === 'internal' ? { ref, parsed } : undefined;
    if (!previous || ref.kind !== 'external' || !/^\s*,?\s*(?:and|or)?\s*$/.test(this.text.slice(previous.ref.span.end, ref.span.start))) return;
    const p = previous.ref;
    p.kind = 'external';
    p.instrument = ref.instrument;
    p.instrumentKey = ref.instrumentKey;
    p.numbers = writtenNumbers(previous.parsed);
    p.targets = [];
    p.missing = [];
    p.imprecise = undefined;
  }

  /** A keyword no reference could be read from, followed by what looks like a designator. */
  noteUnrecognised(at: number, wordEnd: number, region: Span): void {
    const after = this.text.slice(wordEnd, Math.min(region.end, wordEnd + 12));
    const m = DESIGNATOR_AFTER.exec(after);
    if (!m) return;
    // `Article 24/7 Network` names a thing; it cites nothing.
    if (/^[ \t]*\d+\/\d/.test(after)) return;
    this.unrecognised.push({ start: at, end: wordEnd + m[0].length });
  }

  /** `UNTOC Article 16`, `Single Convention on Narcotic Drugs (SCND) Article 5`: an instrument named before the keyword. */
  prefixInstrument(at: number, region: Span): string | undefined {
    const text = this.text;
    const gap = at - 1 > region.start ? text.charCodeAt(at - 1) : -1;
    if (gap !== 32 && gap !== 9 && gap !== 0xa0) return undefined;
    let end = at - 1;
    const paren = text.charCodeAt(end - 1) === 41; /* ) */
    if (paren) end--;
    if (!isWordLetter(text.charCodeAt(end - 1))) return undefined;
    let wordStart = end - 1;
    while (wordStart > region.start && isWordLetter(text.charCodeAt(wordStart - 1))) wordStart--;
    if (paren && text.charCodeAt(wordStart - 1) !== 40) return undefined;
    const before = text.slice(wordStart, end);
    if (this.ctx.instruments.has(before.toLowerCase()) || /^[A-Z]{2,}$/.test(before)) return before;
    return undefined;
  }

  readingContext(from: Unit | undefined): ReadingContext {
    const note = ancestor(from, 'note');
    const group = ancestor(from, 'noteGroup');
    const context = note ? this.noteContext.get(note) ?? this.groupTargets.get(group!)?.[0] : undefined;
    return {
      from: context ?? from,
      article: context ? ancestor(context, 'article') : ancestor(from, 'article') ?? paragraphHolder(from),
      paragraph: context ?? ancestor(from, 'paragraph'),
      previousArticle: this.previousArticle,
    };
  }

  resolve(parsed: ParsedRef, from: Unit | undefined, prefixInstrument: string | undefined, noteHeading: boolean): Reference {
    const text = this.text;
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
      ref.instrumentKey = prefixInstrument ? this.ctx.instruments.get(prefixInstrument.toLowerCase()) ?? prefixInstrument : q.kind === 'external' ? q.key : undefined;
      for (const n of writtenNumbers(parsed)) ref.numbers.push(n);
      return ref;
    }
    const out = emptyResolution();
    const reading = this.readingContext(from);
    this.resolver.resolve(parsed, reading, out);
    ref.numbers = out.numbers;
    ref.targets = out.targets;
    ref.missing = out.missing;
    if (out.imprecise.length > 0) ref.imprecise = out.imprecise;
    // `article 17, paragraph 1 (a) (i) or (ii)`: one written number serves several paths; keep it once.
    // Most references have their numbers in order already, each once: no set, copy or sort then.
    if (!strictlyAscending(ref.numbers)) {
      const seen = new Set<number>();
      ref.numbers = ref.numbers.filter((n) => !seen.has(n.span.start) && seen.add(n.span.start)).sort((a, b) => a.span.start - b.span.start);
    }
    const note = ancestor(from, 'note');
    if (note && ref.targets.length > 0 && parsed.specs[0].segs[0].level === 'article') this.noteContext.set(note, ref.targets[ref.targets.length - 1]);
    if (noteHeading && from && from.kind === 'noteGroup') this.groupTargets.set(from, ref.targets);
    const lastArticle = ancestor(ref.targets[ref.targets.length - 1], 'article');
    if (lastArticle) this.previousArticle = lastArticle;
    return ref;
  }
}

/** Every number as written, for a reference that is not resolved here (another instrument's). */
function writtenNumbers(parsed: ParsedRef): Reference['numbers'] {
  const out: Reference['numbers'] = [];
  const q = parsed.qualifier;
  if (q.kind === 'external') for (const s of q.path) out.push({ text: s.label, span: s.span, level: s.level });
  for (const spec of parsed.specs) for (const s of [...spec.segs, ...(spec.to ? [spec.to] : [])]) out.push({ text: s.label, span: s.span, level: s.level });
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The unit that holds paragraphs where no article does: an annex, the preamble. */
function paragraphHolder(from: Unit | undefined): Unit | undefined {
  return ancestor(from, 'annex') ?? ancestor(from, 'preamble');
}

/** The whole word around a keyword match, within the region (no keyword is longer than 15 letters). */
function wordAround(text: string, matchEnd: number, region: Span): { at: number; wordEnd: number } {
  let at = matchEnd;
  let wordEnd = matchEnd;
  const floor = Math.max(region.start, at - 16);
  while (at > floor && isWordLetter(text.charCodeAt(at - 1))) at--;
  const ceiling = Math.min(region.end, wordEnd + 16);
  while (wordEnd < ceiling && isWordLetter(text.charCodeAt(wordEnd))) wordEnd++;
  return { at, wordEnd };
}

/** Is text[at] outside the region or not a \w character (where `\b` would see a word end)? */
function isBoundary(text: string, at: number, region: Span): boolean {
  if (at < region.start || at >= region.end) return true;
  const c = text.charCodeAt(at);
  return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);
}

export function noteGroupHeadings(groups: NoteGroup[]): Map<number, Unit> {
  return new Map(groups.map((g) => [g.unit.anchorSpan.start, g.unit]));
}

/** Numbers already in order of their start, no start twice: what the dedupe and sort in `resolve` would leave unchanged. */
function strictlyAscending(numbers: Reference['numbers']): boolean {
  for (let k = 1; k < numbers.length; k++) if (numbers[k].span.start <= numbers[k - 1].span.start) return false;
  return true;
}
