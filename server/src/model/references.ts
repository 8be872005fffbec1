// Finds the references in the prose: where a keyword starts one, the grammar reads it
// (model/refgrammar.ts) and the one resolver names its units (model/resolve.ts). What looks
// like a citation but cannot be read is kept as `unrecognised`, so no miss is silent.
import type { Block, SyntaxTree } from '../syntax/tree';
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
const DESIGNATOR_AFTER = /^\.?[ \t\u00a0]*\*?(?:\d{1,6}|\(\*?(?:[a-z]{1,4}\*?\)|\d{1,6}\)?)|[a-z]{1,2}\)|[IVXLC]+\b|[A-Z]\b)/;

/** What joins two references into one list (white space folded): `, and`, `or`. */
const JOINERS = new Set(['', ',', 'and', 'or', ', and', ', or']);

/** A document named right before a reference: a UN symbol, `No. 25`, `GC 25`. */
const DOCUMENT_BEFORE = /(\b[A-Z]{1,6}(?:\/[A-Za-z0-9.]+)+|\bNo\.\s?\d+|\b[A-Z]{2,6} \d+),? $/;

/** Case law: `X v. Y`, `judgment of 4 December 2015`, `application No. 47143/06`. */
const CASE_CITATION = /\bv\.\s|\bjudgment of\b|\bapplication No\b/i;

/** `(a) or (b) in ` before `paragraph 1`: labels, joined by `,` `and` `or`, then `in` or `of`. */
const LEADING_LABELS = /(\([a-z]{1,4}\)(?:(?:,| and| or|, and|, or) \([a-z]{1,4}\))*) (?:in|of) $/;

/** `the preceding `, `the next ` before a keyword with no number. */
const RELATIVE = /\bthe\s+(preceding|previous|following|next)\s+$/i;

export interface ScanResult {
  references: Reference[];
  /** Designator-like phrases (`Article 5bis`, `para 3`) no reference covers: keyword to designator. */
  unrecognised: Span[];
}

/**
 * The references of `blocks` (by default every block of the tree). A `resolver` given is
 * reused with the indexes it has built (incremental analysis: the units are the same).
 */
export function findReferences(tree: SyntaxTree, scope: ResolveScope, ctx: GrammarContext, noteGroups: Map<number, Unit>, blocks = tree.blocks, resolver?: Resolver): ScanResult {
  return new ReferenceScanner(tree, scope, ctx, noteGroups, resolver).run(blocks);
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
    resolver?: Resolver,
  ) {
    this.text = tree.text;
    this.resolver = resolver ?? new Resolver(scope);
  }

  /** Where each footnote is first called, made at the first footnote text met. */
  private calls: Map<string, number> | undefined;

  private calledAt(label: string): number | undefined {
    if (!this.calls) {
      this.calls = new Map<string, number>();
      for (const r of this.tree.footnoteRefs) if (!this.calls.has(r.label)) this.calls.set(r.label, r.span.start);
    }
    return this.calls.get(label);
  }

  run(blocks: readonly Block[]): ScanResult {
    // A footnote is read where it is called: `paragraphs (a) and (b) of this article` in a note on article 2.
    for (const block of blocks) {
      this.previousArticle = undefined;
      this.lastBare = undefined;
      this.readFrom = undefined;
      if (block.type === 'heading') {
        const group = this.noteGroups.get(block.span.start);
        if (group) this.scan(block.rest, true);
        else if (block.title) this.scan(block.title.span, false);
      } else {
        const call = block.type === 'footnoteDef' ? this.calledAt(block.label) : undefined;
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
      let parsed = parseReference(new TokenStream(text, at, region.end), 0, this.ctx);
      if (!parsed) {
        const relative = this.relative(at, wordEnd, region);
        if (relative) this.refs.push(relative);
        else this.noteUnrecognised(at, wordEnd, region);
        continue;
      }
      const leading = this.leadingLabels(parsed, at, region);
      if (leading) parsed = leading;
      const ref = this.resolve(parsed, this.readFrom ?? unitAt(this.scope.roots, parsed.start), this.prefixInstrument(at, region) ?? this.citedDocument(parsed, region), noteHeading);
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
    if (!previous || ref.kind !== 'external' || !JOINERS.has(this.text.slice(previous.ref.span.end, ref.span.start).replace(/\s+/g, ' ').trim())) return;
    const p = previous.ref;
    p.kind = 'external';
    p.instrument = ref.instrument;
    p.instrumentKey = ref.instrumentKey;
    p.numbers = writtenNumbers(previous.parsed);
    p.targets = [];
    p.missing = [];
    p.imprecise = undefined;
  }

  /**
   * `(a) or (b) in paragraph 1`: subparagraph labels written before the paragraph they stand in.
   * The labels join the paragraph's reference, which then cites them.
   */
  leadingLabels(parsed: ParsedRef, at: number, region: Span): ParsedRef | undefined {
    if (parsed.head !== 'paragraph' || parsed.specs.length !== 1 || parsed.specs[0].segs.length !== 1 || parsed.specs[0].to) return undefined;
    const from = Math.max(region.start, at - 80, this.refs.length > 0 ? this.refs[this.refs.length - 1].span.end : 0);
    const m = LEADING_LABELS.exec(this.text.slice(from, at));
    if (!m) return undefined;
    const start = from + m.index;
    const specs = [...m[1].matchAll(/\(([a-z]{1,4})\)/g)].map((l) => ({
      segs: [...parsed.specs[0].segs, { level: 'point' as const, label: l[1], span: { start: start + l.index! + 1, end: start + l.index! + 1 + l[1].length } }],
    }));
    return { ...parsed, start, head: 'subparagraph', specs };
  }

  /**
   * `the preceding paragraph`, `the previous article`, `the following subparagraph`: a unit
   * named by its place beside the one the reference stands in. No number is written, so
   * renumbering has nothing to change; go to definition and hover work as for any reference.
   */
  relative(at: number, wordEnd: number, region: Span): Reference | undefined {
    const level = keywordOf(this.text, at, wordEnd);
    if (level === 'annex') return this.soleAnnex(at, wordEnd, region);
    const before = RELATIVE.exec(this.text.slice(Math.max(region.start, at - 24), at));
    if (!before) return undefined;
    // Singular only: `the following articles` introduces a list, it cites none.
    if (/s$/i.test(this.text.slice(wordEnd - 1, wordEnd))) return undefined;
    const kind = level === 'article' ? 'article' : level === 'paragraph' ? 'paragraph' : level === 'subparagraph' ? 'subparagraph' : undefined;
    if (!kind) return undefined;
    const from = this.readFrom ?? unitAt(this.scope.roots, at);
    const here = kind === 'subparagraph' ? ancestorOf(from, ['subparagraph', 'subsubparagraph']) : ancestor(from, kind);
    const back = /^(?:preceding|previous)$/i.test(before[1]);
    // A paragraph outside any article (raw text before its first heading) stands among the roots.
    const around = here?.parent ? here.parent.children : this.scope.roots;
    const siblings = !here ? [] : kind === 'article' ? this.scope.articles.filter((a) => ancestor(a, 'annex') === ancestor(here, 'annex')) : around.filter((c) => c.kind === here.kind && !c.implicit);
    const k = here ? siblings.indexOf(here) : -1;
    const target = k < 0 ? undefined : siblings[back ? k - 1 : k + 1];
    // Unnumbered paragraphs (the Hague Conference's) are no units: such a phrase names nothing
    // Treatymark can point to, and it has no number to keep right, so it is left as prose.
    if (!target) return undefined;
    const start = at - before[0].length;
    return { kind: 'internal', span: { start, end: wordEnd }, text: this.text.slice(start, wordEnd), numbers: [], targets: [target], missing: [], from };
  }

  /** `this Annex` (in an annex: that one), `the annex to this Convention` (the treaty's only annex). */
  soleAnnex(at: number, wordEnd: number, region: Span): Reference | undefined {
    const det = /\b(the|this) $/i.exec(this.text.slice(Math.max(region.start, at - 5), at));
    if (!det) return undefined;
    const from = this.readFrom ?? unitAt(this.scope.roots, at);
    const annexes = this.scope.byLevel.annex;
    const target = det[1].toLowerCase() === 'this' ? ancestor(from, 'annex') : annexes.length === 1 ? annexes[0] : undefined;
    if (!target) return undefined;
    const start = at - det[0].length;
    return { kind: 'internal', span: { start, end: wordEnd }, text: this.text.slice(start, wordEnd), numbers: [], targets: [target], missing: [], from };
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

  /**
   * `…, application No. 47143/06, judgment of 4 December 2015, para. 270`: a reference with no
   * qualifier at the end of a citation of case law cites that judgment, not this treaty.
   */
  citedDocument(parsed: ParsedRef, region: Span): string | undefined {
    if (parsed.qualifier.kind !== 'none') return undefined;
    const from = Math.max(region.start, parsed.start - 200);
    const before = this.text.slice(from, parsed.start);
    const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf(';')) + 1);
    if (CASE_CITATION.test(sentence)) return 'the judgment cited';
    // `A/71/348, paras 45-49`, `General Comment No. 25, paras 117`, `CRC GC 25 para 117`: a document's paragraphs.
    const document = DOCUMENT_BEFORE.exec(before.slice(-48));
    return document ? document[1] : undefined;
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
      inside: !!context,
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
    for (const m of parsed.misprints ?? []) out.imprecise.push({ span: m.span, precise: m.reading });
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

function ancestorOf(unit: Unit | undefined, kinds: Unit['kind'][]): Unit | undefined {
  for (let u = unit; u; u = u.parent) if (kinds.includes(u.kind)) return u;
  return undefined;
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
