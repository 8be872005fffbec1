// The reference language drafters write, parsed from words into target paths:
//   article 17, paragraph 1 (a) (i) or (ii) or (b) (i), of this Convention
//   articles 57, paragraph 5 (g), 61 and 62 of the Convention · Article 9.1.a and c
//   Articles 6.3, 13.2, 13.4(d) · paragraphs 1, sub-paragraphs d. and e, and 2
//   subparagraphs (a) to (c) of this paragraph · article 21(4) · Part I of Annex A
// Recursive descent over a line's tokens, with a few tokens of look-ahead and no backtracking
// past one item. Parsing gives paths of written labels; resolving them is model/resolve.ts.
import type { Span } from '../syntax/text';
import { letterValue, listRomanValue, romanValue, SUFFIXES } from '../syntax/numerals';
import { ABBREVIATIONS, isPointLabel, keywordAt, type Token, type TokenSource } from './reftokens';
import type { RefLevel } from './types';

export type RefHead = 'article' | 'paragraph' | 'subparagraph' | 'chapter' | 'part' | 'section' | 'annex';

export interface Seg {
  level: RefLevel;
  label: string;
  span: Span;
}

export interface TargetSpec {
  segs: Seg[];
  /** Range end at the level of the last segment: `to 16`, `to (c)`, `–3`. */
  to?: Seg;
}

export type Qualifier =
  | { kind: 'none' }
  | { kind: 'self' }
  | { kind: 'thisArticle' }
  | { kind: 'thisParagraph' }
  | { kind: 'thisChapter' }
  | { kind: 'thisAnnex' }
  /** `paragraph 1 of the same article`: the article cited just before. */
  | { kind: 'sameArticle' }
  /** `paragraph 10 of the Preamble`. */
  | { kind: 'preamble' }
  /** `of paragraph 1 [of article 14]`, `of article 14`, `of Annex A`: outermost first. */
  | { kind: 'path'; segs: Seg[] }
  /** Another instrument; `path` keeps what stands between (`paragraph 3 of article 14 of the Convention`). */
  | { kind: 'external'; instrument: string; key?: string; path: Seg[] };

export interface ParsedRef {
  start: number;
  end: number;
  /** The keyword's level: what the first numbers are. */
  head: RefHead;
  specs: TargetSpec[];
  qualifier: Qualifier;
  placeholder: boolean;
  /** `subparagraph (a) above`: the drafter points back or ahead (only a hint for readers). */
  direction?: 'above' | 'below';
  /** Index of the token after the reference. */
  next: number;
  /** Numbers read through a slip (`l` for `1`): where, and how they are read. */
  misprints?: { span: Span; reading: string }[];
}

export interface GrammarContext {
  /** Names the treaty calls itself (lower case): `convention`, its title. */
  selfNames: string[];
  /** Instrument keys and titles from front matter (lower case → canonical key). */
  instruments: Map<string, string>;
}

export { keywordAt };

const SUFFIX_SET = new Set(SUFFIXES);
/** Labels in one run after a number: `(2) (b) (ii)` needs three; more name nothing. */
const MAX_PARENS = 6;
const CONNECTORS = new Set(['of', 'the', 'on', 'and', 'against', 'for', 'in', 'to', 'relating', 'concerning']);
/** Nouns that name an instrument (`the Budapest Convention`, short for an `instruments:` key). */
const INSTRUMENT_NOUNS = new Set(['convention', 'protocol', 'treaty', 'agreement', 'covenant', 'charter', 'statute', 'pact', 'accord', 'declaration', 'regulations', 'rules']);
/** `of the same article`, `of the said paragraph`: the unit cited just before. */
const SAME = new Set(['same', 'said', 'aforementioned', 'aforesaid']);
/** Words after `of the` that name this treaty's own parts, not another document. */
const OWN_PARTS = new Set(['article', 'paragraph', 'subparagraph', 'sub-paragraph', 'chapter', 'part', 'section', 'annex', 'appendix', 'preamble', 'present', 'same', 'said']);

/** Try to read a reference starting at the keyword token `i`. */
export function parseReference(tokens: Token[] | TokenSource, i: number, ctx: GrammarContext): ParsedRef | undefined {
  const source: TokenSource = Array.isArray(tokens) ? { at: (k) => (k >= 0 ? tokens[k] : undefined) } : tokens;
  const head = keywordAt(source, i);
  if (!head) return undefined;
  const p = new Parser(source, ctx);
  p.pos = i;
  if (!p.keyword()) return undefined;
  return p.reference(head, source.at(i)!.start);
}

function seg(level: RefLevel, t: Token): Seg {
  if (t.kind === 'paren') return { level, label: t.label!, span: { start: t.labelStart!, end: t.labelStart! + t.label!.length } };
  return { level, label: t.text, span: { start: t.start, end: t.end } };
}

const isDigits = (label: string) => /^\d/.test(label);

class Parser {
  pos = 0;
  misprints?: { span: Span; reading: string }[];
  constructor(
    readonly tokens: TokenSource,
    readonly ctx: GrammarContext,
  ) {}

  peek(k = 0): Token | undefined {
    return this.tokens.at(this.pos + k);
  }

  isWord(t: Token | undefined, ...words: string[]): boolean {
    return !!t && t.kind === 'word' && words.includes(t.lower);
  }

  isPunct(t: Token | undefined, ...chars: string[]): boolean {
    return !!t && t.kind === 'punct' && chars.includes(t.text);
  }

  /** Is `b` written right after `a`, with no space (`14.2`, `1.a`)? */
  adjacent(a: Token | undefined, b: Token | undefined): boolean {
    return !!a && !!b && a.end === b.start;
  }

  /** End offset of the last token consumed. */
  get lastEnd(): number {
    return this.tokens.at(this.pos - 1)!.end;
  }

  /** Consumes the keyword at `pos` (and an abbreviation's full stop); false if it is none here. */
  keyword(): boolean {
    const t = this.peek();
    if (!t || !keywordAt(this.tokens, this.pos)) return false;
    this.pos++;
    if (ABBREVIATIONS.has(t.lower)) {
      const stop = this.isPunct(this.peek(), '.') && this.adjacent(t, this.peek());
      // Without its full stop an abbreviation counts only before a number: `paras 1 and 2`,
      // `Art 5` (capitalised: lower-case `art` is a word).
      if (!stop) return this.peek()?.kind === 'num' && (t.lower.startsWith('para') || t.text.startsWith('A'));
      this.pos++;
    }
    return true;
  }

  reference(head: RefHead, start: number): ParsedRef | undefined {
    const first = this.peek();
    if (!first) return undefined;
    // Placeholders: `article [X]`, `articles [on criminalization]`, `article __`, `Article X`.
    if (first.kind === 'placeholder' || (head === 'article' && first.kind === 'word' && first.text === 'X')) {
      this.pos++;
      return { start, end: first.end, head, specs: [], qualifier: { kind: 'none' }, placeholder: true, next: this.pos };
    }
    // `Article 24/7 Network`: a name, not a designator.
    if (first.kind === 'num' && this.isPunct(this.peek(1), '/') && this.peek(2)?.kind === 'num') return undefined;
    const specs = this.list(head);
    if (!specs || specs.length === 0) return undefined;
    let end = this.lastEnd;
    const ref: ParsedRef = { start, end, head, specs, qualifier: { kind: 'none' }, placeholder: false, next: this.pos };
    const qualifier = this.qualifiers(ref);
    if (qualifier) ref.qualifier = qualifier;
    end = this.lastEnd;
    // `Articles 1 to 21 and the Appendix of the Berne Convention`: the list belongs to that instrument.
    if (ref.qualifier.kind === 'none') {
      const later = this.laterInstrument();
      if (later) ref.qualifier = later;
    }
    ref.end = end;
    ref.next = this.pos;
    if (this.misprints) ref.misprints = this.misprints;
    return ref;
  }

  list(head: RefHead): TargetSpec[] | undefined {
    switch (head) {
      case 'article':
        return this.articleList();
      case 'paragraph':
        return this.paragraphList();
      case 'subparagraph':
        return this.pointList(true);
      default:
        return this.divisionList(head);
    }
  }

  // ——— Articles ———

  articleNumber(): Seg | undefined {
    const t = this.peek();
    if (!t) return undefined;
    // `Article IV`: some traditions number articles in roman numerals.
    if (t.kind === 'word' && /^[IVXLC]+$/.test(t.text) && romanValue(t.text) !== undefined) {
      this.pos++;
      return seg('article', t);
    }
    if (t.kind !== 'num') return undefined;
    this.pos++;
    const suffix = this.peek();
    if (suffix && suffix.kind === 'word' && SUFFIX_SET.has(suffix.lower)) {
      this.pos++;
      return { level: 'article', label: `${t.text} ${suffix.lower}`, span: { start: t.start, end: suffix.end } };
    }
    return seg('article', t);
  }

  /**
   * `17`, `17 (2) (a)`, `14.2`, `9.1.a`, `38.a`, `17, paragraph 1 (a) and paragraph 2`,
   * `8 (paragraphs 1 and 2)`, `9 paragraph 3`, `27 (Procedure …)`.
   * `attach` is false where a following `, paragraph N` belongs to the citing article
   * (after the last item of a list: `articles 49, 50, 51 or 52, paragraph 2 does not apply`).
   */
  articleItem(attach: boolean): TargetSpec[] | undefined {
    const art = this.articleNumber();
    if (!art) return undefined;
    const dotted = this.dottedAfterArticle(art);
    if (dotted) return dotted;
    const parens = this.parenRun(true);
    if (parens.length > 0) return this.continuePoints([art, ...parens], true);
    this.skipTitle();
    // `8 (paragraphs 1 and 2)`
    if (this.isPunct(this.peek(), '(') && this.isWord(this.peek(1), 'paragraph', 'paragraphs')) {
      const save = this.pos;
      this.pos += 2;
      const paras = this.paragraphList();
      if (paras && this.isPunct(this.peek(), ')')) {
        this.pos++;
        return paras.map((s) => ({ segs: [art, ...s.segs], to: s.to }));
      }
      this.pos = save;
    }
    const comma = this.peek()?.kind === 'comma' ? 1 : 0;
    if (attach && this.isWord(this.peek(comma), 'paragraph', 'paragraphs', 'para', 'paras')) {
      const specs = this.insertedParagraphs(art, comma);
      if (specs) return specs;
    }
    return [{ segs: [art] }];
  }

  /** `, paragraph 1 (a) and paragraph 2` after an article number: paragraphs of that article. */
  insertedParagraphs(art: Seg, comma: number): TargetSpec[] | undefined {
    const save = this.pos;
    // `articles 57, paragraph 5 (g), 61 and 62`: after a singular "paragraph" a comma
    // goes back to the article list; "paragraphs 1, 2 and 3" keeps its commas.
    let plural = this.isWord(this.peek(comma), 'paragraphs', 'paras');
    this.pos += comma;
    if (!this.keyword()) {
      this.pos = save;
      return undefined;
    }
    const specs: TargetSpec[] = [];
    for (;;) {
      const paras = this.paragraphList(plural);
      if (!paras) break;
      for (const s of paras) specs.push({ segs: [art, ...s.segs], to: s.to });
      // `and paragraph 22`
      if (this.isWord(this.peek(), 'and', 'or') && this.isWord(this.peek(1), 'paragraph', 'paragraphs')) {
        plural = this.isWord(this.peek(1), 'paragraphs');
        this.pos += 2;
        continue;
      }
      break;
    }
    if (specs.length === 0) {
      this.pos = save;
      return undefined;
    }
    // The comma that closes the inserted paragraph phrase is part of the reference
    // when the list or a qualifier goes on after it.
    if (this.peek()?.kind === 'comma' && (this.peek(1)?.kind === 'num' || this.isWord(this.peek(1), 'of', 'and', 'or'))) {
      if (this.peek(1)?.kind === 'num' || this.qualifierAhead(2) || (this.isWord(this.peek(1), 'and', 'or') && this.peek(2)?.kind === 'num')) this.pos++;
    }
    return specs;
  }

  /** `(Procedure …)` after an article number: the cited article's title, written out. */
  skipTitle(): void {
    if (!this.isPunct(this.peek(), '(')) return;
    const first = this.peek(1);
    if (!first || first.kind !== 'word' || !/^[A-Z]/.test(first.text) || keywordAt(this.tokens, this.pos + 1)) return;
    for (let k = 2; k < 40; k++) {
      const t = this.peek(k);
      if (!t) return;
      if (this.isPunct(t, ')')) {
        this.pos += k + 1;
        return;
      }
    }
  }

  /** `14.2` (WHO: article.paragraph), `9.1.a`, `38.a`, `20.d.`: dotted Council of Europe and WHO designators. */
  dottedAfterArticle(art: Seg): TargetSpec[] | undefined {
    const path = this.dotted([art], 'paragraph');
    if (path.length === 1) return undefined;
    const parens = this.parenRun(false);
    return this.continuePoints([...path, ...parens], true);
  }

  /**
   * Follows `.2`, `.a`, `.ii` written flush after the last label. `next` is the level a
   * number stands at (`14.2`: paragraph); letters are subparagraphs, then roman numerals.
   */
  dotted(path: Seg[], next: 'paragraph' | 'point'): Seg[] {
    const out = [...path];
    let level = next;
    for (;;) {
      const dot = this.peek();
      const label = this.peek(1);
      if (!this.isPunct(dot, '.') || !this.adjacent(this.tokens.at(this.pos - 1), dot) || !this.adjacent(dot, label) || !label) break;
      if (label.kind === 'num' && level === 'paragraph') {
        out.push(seg('paragraph', label));
        level = 'point';
      } else if ((label.kind === 'word' || (label.kind === 'paren' && label.half)) && isPointLabel(label.kind === 'paren' ? label.label! : label.text)) {
        out.push(seg('point', label));
        level = 'point';
      } else break;
      this.pos += 2;
    }
    // `sub-paragraphs d. and e`: a full stop after a letter label, when the list goes on.
    if (out[out.length - 1].level === 'point') this.skipLabelStop();
    return out;
  }

  /** The full stop after a bare letter label (`d.`) when a list or range goes on after it. */
  skipLabelStop(): void {
    const dot = this.peek();
    if (this.isPunct(dot, '.') && this.adjacent(this.tokens.at(this.pos - 1), dot)) {
      const after = this.peek(1);
      if (after && (after.kind === 'comma' || this.isWord(after, 'and', 'or', 'to', 'of'))) this.pos++;
    }
  }

  qualifierAhead(k: number): boolean {
    const save = this.pos;
    this.pos += k - 1;
    const q = this.qualifier('article');
    this.pos = save;
    return !!q;
  }

  articleList(): TargetSpec[] | undefined {
    const specs: TargetSpec[] = [];
    const first = this.articleItem(true);
    if (!first) return undefined;
    // Loops, not `push(...list)`: a list of 150 000 items overflows the call stack.
    for (const s of first) specs.push(s);
    let items = 1;
    for (;;) {
      const t = this.peek();
      if (!t) break;
      const range = this.rangeWord();
      if (range && this.articleNumberAt(range) && specs[specs.length - 1].segs.length === 1) {
        this.pos += range;
        specs[specs.length - 1].to = this.articleNumber()!;
        continue;
      }
      const sep = this.separator();
      if (sep && this.articleNumberAt(sep)) {
        // After the last item of a list (`…, 51 or 52`), a `, paragraph 2` is the citing article's,
        // unless the list gives its items paragraphs (`6, paragraph 1.b, 7, … and 27, paragraph 9.e`).
        const last = this.isWord(this.peek(sep - 1), 'and', 'or') && items >= 2 && !specs.some((x) => x.segs.length > 1);
        this.pos += sep;
        const more = this.articleItem(!last);
        if (!more) break;
        for (const s of more) specs.push(s);
        items++;
        continue;
      }
      // `, paragraph 5 (g), 61 and 62`: the comma after the paragraph phrase is already consumed.
      if (t.kind === 'num' && this.tokens.at(this.pos - 1)!.kind === 'comma') {
        const more = this.articleItem(true);
        if (!more) break;
        for (const s of more) specs.push(s);
        items++;
        continue;
      }
      break;
    }
    return specs;
  }

  /** Does an article number stand `k` tokens ahead: `17`, or a roman `IV`? */
  articleNumberAt(k: number): boolean {
    const t = this.peek(k);
    return !!t && (t.kind === 'num' || (t.kind === 'word' && /^[IVXLC]+$/.test(t.text) && romanValue(t.text) !== undefined));
  }

  /** Length in tokens of a list separator here: `,` `and` `or` `, and` `, or`; 0 if none. */
  separator(): number {
    const t = this.peek();
    if (!t) return 0;
    if (this.isWord(t, 'and', 'or')) return 1;
    if (t.kind === 'comma') return this.isWord(this.peek(1), 'and', 'or') ? 2 : 1;
    return 0;
  }

  /** Length of a range word here: `to`, `through`, `–`, `-`; 0 if none. */
  rangeWord(): number {
    const t = this.peek();
    if (this.isWord(t, 'to', 'through')) return 1;
    if (this.isPunct(t, '–', '-', '—')) return 1;
    return 0;
  }

  // ——— Paragraphs ———

  /** `1`, `1 (a)`, `1.a`, `1 a.ii`, `1 a)`, `(b)` (a letter cited as a paragraph), then lists and ranges. */
  paragraphList(commaContinues = true): TargetSpec[] | undefined {
    const specs: TargetSpec[] = [];
    if (!this.paragraphItem(specs)) return undefined;
    for (;;) {
      const range = this.rangeWord();
      if (range && this.peek(range)?.kind === 'num' && specs[specs.length - 1].segs.length === 1) {
        const n = this.peek(range)!;
        this.pos += range + 1;
        specs[specs.length - 1].to = seg('paragraph', n);
        continue;
      }
      const sep = this.separator();
      const next = this.peek(sep);
      if (sep && next && (next.kind === 'num' || (next.kind === 'paren' && !isDigits(next.label!))) && (commaContinues || this.peek()!.kind !== 'comma')) {
        this.pos += sep;
        if (!this.paragraphItem(specs)) break;
        continue;
      }
      break;
    }
    return specs;
  }

  paragraphItem(specs: TargetSpec[]): boolean {
    const t = this.peek();
    if (t && t.kind === 'paren' && !isDigits(t.label!)) {
      // `paragraph (b) of Article 5`, `paragraph a) or c)`: a subparagraph under the article's chapeau.
      for (const s of this.pointList(false)!) specs.push(s);
      return true;
    }
    // `paragraph l(a)`: the letter l for the digit 1, a slip of typing or OCR, read as 1.
    const misprint = !!t && t.kind === 'word' && t.text === 'l' && this.peek(1)?.kind === 'paren' && this.adjacent(t, this.peek(1));
    if (!t || (t.kind !== 'num' && !misprint)) return false;
    this.pos++;
    const first: Seg = misprint ? { level: 'paragraph', label: '1', span: { start: t.start, end: t.end } } : seg('paragraph', t);
    if (misprint) (this.misprints ??= []).push({ span: first.span, reading: 'paragraph 1' });
    const path = this.dotted([first], 'point');
    const labels = this.parenRun(false);
    if (labels.length === 0 && path.length === 1) {
      // `paragraph 1 a.ii of this article`: a bare letter, then dotted numerals.
      const bare = this.bareLabel();
      if (bare) for (const b of this.dotted([bare], 'point')) labels.push(b);
    }
    const all = [...path, ...labels];
    if (all.length > 1) for (const s of this.continuePoints(all, true)) specs.push(s);
    else specs.push({ segs: all });
    // `paragraphs 1, sub-paragraphs d. and e, and 2`: points of the paragraph just named.
    if (this.peek()?.kind === 'comma' && this.isWord(this.peek(1), 'sub-paragraph', 'sub-paragraphs', 'subparagraph', 'subparagraphs')) {
      const save = this.pos;
      this.pos += 2;
      const points = this.pointList(true);
      if (points) {
        specs.pop();
        for (const s of points) specs.push({ segs: [...all, ...s.segs], to: s.to });
        if (this.peek()?.kind === 'comma' && this.isWord(this.peek(1), 'and', 'or') && this.peek(2)?.kind === 'num') this.pos++;
      } else this.pos = save;
    }
    return true;
  }

  // ——— Subparagraphs ———

  /**
   * A label written bare (`points a and b`, `sub-paragraph a above`, `paragraph 1 a.ii`):
   * only where no word follows it, since `a` is also English (`point a State may`).
   */
  bareLabel(continuing = false): Seg | undefined {
    const t = this.peek();
    if (!t || t.kind !== 'word' || !isPointLabel(t.text)) return undefined;
    // In a list of labels (`points a and b shall`), only `a` and `i` can be English words.
    if (continuing && t.text !== 'a' && t.text !== 'i') {
      this.pos++;
      return seg('point', t);
    }
    const after = this.peek(1);
    const flushDot = this.isPunct(after, '.') && this.adjacent(t, after);
    // `i.e.` and `e.g.` are no labels.
    if (flushDot && (t.text === 'i' || t.text === 'e') && this.isWord(this.peek(2), 'e', 'g')) return undefined;
    const ends = !after || after.kind === 'comma' || after.kind === 'paren' || flushDot || this.isPunct(after, ';', ':', ')') || this.isWord(after, 'and', 'or', 'to', 'of', 'in', 'above', 'below');
    if (!ends) return undefined;
    this.pos++;
    return seg('point', t);
  }

  /** `(a) to (c)`, `(a) (i) or (ii) or (b) (i)`, `a) and b)`, `a and b`, `7 a) (ii)`, `4(a) and 4(d)`. */
  pointList(bare: boolean): TargetSpec[] | undefined {
    const t = this.peek();
    if (t && t.kind === 'num') {
      // `subparagraph 7 a) (ii)`, `subparagraphs 4(a) and 4(d)`: a paragraph number first.
      this.pos++;
      const run = this.parenRun(false);
      if (run.length === 0) {
        this.pos--;
        return undefined;
      }
      return this.continuePoints([seg('paragraph', t), ...run], bare);
    }
    let run = this.parenRun(false);
    if (run.length === 0 && bare) {
      const b = this.bareLabel();
      if (b) run = this.dotted([b], 'point');
    }
    if (run.length === 0) return undefined;
    return this.continuePoints(run, bare);
  }

  /** Consecutive `(a) (i)` labels. After an article number a digit is a paragraph. */
  parenRun(afterArticle: boolean): Seg[] {
    const segs: Seg[] = [];
    for (;;) {
      const t = this.peek();
      // No path is deeper than (2) (b) (ii): stop at MAX_PARENS, or `(a) (a) … or (a) …` on one
      // line copies ever longer paths for each item (quadratic time and memory).
      if (!t || t.kind !== 'paren' || segs.length >= MAX_PARENS) break;
      const digit = isDigits(t.label!);
      if (digit && !(afterArticle && segs.length === 0)) break;
      this.pos++;
      segs.push(seg(digit ? 'paragraph' : 'point', t));
    }
    return segs;
  }

  /** The next label of a list of subparagraphs, in whatever style the list is written. */
  nextLabels(bare: boolean): Seg[] {
    const run = this.parenRun(false);
    if (run.length > 0 || !bare) return run;
    const b = this.bareLabel(true);
    return b ? this.dotted([b], 'point') : [];
  }

  continuePoints(firstSegs: Seg[], bare: boolean): TargetSpec[] {
    const specs: TargetSpec[] = [{ segs: firstSegs }];
    for (;;) {
      const last = specs[specs.length - 1];
      const range = this.rangeWord();
      if (range) {
        const save = this.pos;
        this.pos += range;
        const to = this.nextLabels(bare || last.segs[last.segs.length - 1].level === 'point');
        if (to.length === 1 && to[0].level === 'point' && last.segs[last.segs.length - 1].level === 'point') {
          last.to = to[0];
          continue;
        }
        this.pos = save;
      }
      const sep = this.separator();
      if (!sep) break;
      const save = this.pos;
      this.pos += sep;
      // `4(a) and 4(d)`: the next item names its paragraph again.
      const t = this.peek();
      if (t && t.kind === 'num' && this.peek(1)?.kind === 'paren' && last.segs[0].level === 'paragraph') {
        const fixed = last.segs.filter((s) => s.level !== 'paragraph' && s.level !== 'point');
        this.pos++;
        const run = this.parenRun(false);
        specs.push({ segs: [...fixed, seg('paragraph', t), ...run] });
        continue;
      }
      const run = this.nextLabels(bare || last.segs.some((s) => s.level === 'point'));
      if (run.length === 0) {
        this.pos = save;
        break;
      }
      // A continuing label attaches at the deepest level of the previous path it can stand at:
      // `(a) (i) or (ii)` → (a)(ii); `… or (b) (i)` → (b)(i).
      const points = last.segs.filter((s) => s.level === 'point');
      const fixed = last.segs.filter((s) => s.level !== 'point');
      let depth = points.length;
      while (depth > 1 && !fits(run[0].label, depth)) depth--;
      specs.push({ segs: [...fixed, ...points.slice(0, depth - 1), ...run] });
    }
    return specs;
  }

  // ——— Chapters, parts, sections, annexes ———

  divisionLabel(level: RefLevel): Seg | undefined {
    const t = this.peek();
    if (!t) return undefined;
    const ok =
      t.kind === 'num' ||
      (t.kind === 'word' && /^[IVXLC]+$/.test(t.text) && romanValue(t.text) !== undefined) ||
      // `Annex A`, `Annexes A and B`: annexes are lettered too.
      (level === 'annex' && t.kind === 'word' && /^[A-Z]$/.test(t.text));
    if (!ok) return undefined;
    this.pos++;
    return seg(level, t);
  }

  divisionList(head: RefHead): TargetSpec[] | undefined {
    const level = head as RefLevel;
    const first = this.divisionLabel(level);
    if (!first) return undefined;
    const specs: TargetSpec[] = [{ segs: [first] }];
    for (;;) {
      const range = this.rangeWord();
      if (range) {
        const save = this.pos;
        this.pos += range;
        const to = this.divisionLabel(level);
        if (to) {
          specs[specs.length - 1].to = to;
          continue;
        }
        this.pos = save;
        break;
      }
      const sep = this.separator();
      if (!sep) break;
      const save = this.pos;
      this.pos += sep;
      const n = this.divisionLabel(level);
      if (!n) {
        this.pos = save;
        break;
      }
      specs.push({ segs: [n] });
    }
    return specs;
  }

  // ——— Qualifiers ———

  /** Every qualifier after the list: `above`, `of this article`, `of Annex A`, `of the Budapest Convention`. */
  qualifiers(ref: ParsedRef): Qualifier | undefined {
    let result: Qualifier | undefined;
    for (let guard = 0; guard < 4; guard++) {
      if (this.isWord(this.peek(), 'above', 'below')) {
        ref.direction = this.peek()!.lower as 'above' | 'below';
        this.pos++;
        continue;
      }
      if (result) break;
      const q = this.qualifier(ref.head);
      if (!q) break;
      result = q;
    }
    return result;
  }

  /** `of this article`, `, of this Convention`, `of article 14`, `in paragraph 1`, `of the International Covenant …` */
  qualifier(head: RefHead): Qualifier | undefined {
    const save = this.pos;
    if (this.peek()?.kind === 'comma' && this.isWord(this.peek(1), 'of')) this.pos++;
    // `article 3 common to the four Geneva Conventions`
    if (this.isWord(this.peek(), 'common') && this.isWord(this.peek(1), 'to')) {
      this.pos += 2;
      const named = this.instrumentName(true);
      if (named) return named;
      this.pos = save;
      return undefined;
    }
    const inWord = this.isWord(this.peek(), 'in') && keywordAt(this.tokens, this.pos + 1) && this.peek(2)?.kind !== 'word';
    if (!this.isWord(this.peek(), 'of') && !inWord) {
      this.pos = save;
      return undefined;
    }
    this.pos++;
    const q = this.qualifierAfterOf(head);
    if (!q) this.pos = save;
    return q;
  }

  qualifierAfterOf(head: RefHead): Qualifier | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (this.isWord(t, 'this') || (this.isWord(t, 'the') && this.isWord(this.peek(1), 'present'))) {
      this.pos += this.isWord(t, 'this') ? 1 : 2;
      const what = this.peek();
      if (!what || what.kind !== 'word') return undefined;
      this.pos++;
      switch (keywordAt(this.tokens, this.pos - 1)) {
        case 'article':
          return { kind: 'thisArticle' };
        case 'paragraph':
        case 'subparagraph':
          return { kind: 'thisParagraph' };
        case 'chapter':
        case 'part':
        case 'section':
          return { kind: 'thisChapter' };
        case 'annex':
          return { kind: 'thisAnnex' };
        default:
          return { kind: 'self' };
      }
    }
    if (this.isWord(t, 'the') && SAME.has(this.peek(1)?.lower ?? '') && this.isWord(this.peek(2), 'article')) {
      this.pos += 3;
      return { kind: 'sameArticle' };
    }
    if ((this.isWord(t, 'the') && this.isWord(this.peek(1), 'preamble')) || this.isWord(t, 'preamble')) {
      this.pos += this.isWord(t, 'the') ? 2 : 1;
      return { kind: 'preamble' };
    }
    const path = this.pathAfterOf(head);
    if (path) return path;
    return this.instrumentName(false);
  }

  /** `of paragraph 1 [of article 14]`, `of article 14`, `of Annex A`, `of Part I of Annex B`. */
  pathAfterOf(head: RefHead): Qualifier | undefined {
    const level = keywordAt(this.tokens, this.pos);
    if (!level || level === 'subparagraph') return undefined;
    // An article cites no article inside it; a paragraph list does not name an article's part.
    if (head === 'article' && level !== 'annex') return undefined;
    const save = this.pos;
    if (!this.keyword()) return undefined;
    let segs: Seg[];
    if (level === 'article') {
      const art = this.articleNumber();
      if (!art) return this.restore(save);
      segs = this.dotted([art], 'paragraph');
    } else if (level === 'paragraph') {
      const n = this.peek();
      if (!n || n.kind !== 'num') return this.restore(save);
      this.pos++;
      segs = [seg('paragraph', n)];
    } else {
      const d = this.divisionLabel(level as RefLevel);
      if (!d) return this.restore(save);
      segs = [d];
    }
    const inner = this.qualifier(level);
    if (inner && inner.kind === 'path') return { kind: 'path', segs: [...inner.segs, ...segs] };
    if (inner && inner.kind === 'external') return { ...inner, path: [...inner.path, ...segs] };
    return { kind: 'path', segs };
  }

  restore(pos: number): undefined {
    this.pos = pos;
    return undefined;
  }

  /** Does a capitalised word follow the connectors starting at token i ("of the United Nations")? */
  capitalAfterConnectors(i: number): boolean {
    let j = i;
    for (; j < i + 3; j++) {
      const t = this.tokens.at(j);
      if (!t || t.kind !== 'word' || !CONNECTORS.has(t.lower)) break;
    }
    const t = this.tokens.at(j);
    return !!t && t.kind === 'word' && /^[A-Z]/.test(t.text);
  }

  /**
   * `the Convention` (self), `the International Covenant on Civil and Political Rights`, `UNTOC`,
   * `the Budapest Convention` (key `Budapest`), `the outcome document of …` (a document, not this treaty).
   * `common` reads `the four Geneva Conventions` after `common to`.
   */
  instrumentName(common: boolean): Qualifier | undefined {
    const start = this.pos;
    let i = this.pos;
    if (this.isWord(this.tokens.at(i), 'the')) i++;
    if (common && this.tokens.at(i)?.kind === 'word' && /^[a-z]/.test(this.tokens.at(i)!.text)) i++;
    const words: Token[] = [];
    for (;;) {
      const t = this.tokens.at(i);
      if (!t || t.kind !== 'word') break;
      const capital = /^[A-Z]/.test(t.text);
      if (!capital && !(words.length > 0 && CONNECTORS.has(t.lower) && this.capitalAfterConnectors(i))) break;
      words.push(t);
      i++;
    }
    const hadThe = this.isWord(this.tokens.at(start), 'the');
    if (words.length === 0) return this.lowerCaseDocument(i, hadThe);
    const name = words.map((w) => w.text).join(' ');
    const lower = name.toLowerCase();
    const key = this.instrumentKey(lower);
    if (key) {
      this.pos = i;
      return { kind: 'external', instrument: name, key, path: [] };
    }
    if (this.ctx.selfNames.some((s) => s === lower || (lower.split(' ').length > 1 && s.startsWith(lower)))) {
      this.pos = i;
      return { kind: 'self' };
    }
    // An unknown capitalised name after "of the", or an acronym such as UNTOC, is another instrument.
    if ((hadThe && words.length >= 1) || /^[A-Z]{2,}$/.test(name) || common) {
      this.pos = i;
      return { kind: 'external', instrument: name, path: [] };
    }
    return undefined;
  }

  /** A key of `instruments:` for a name: its key or title, or the key with a noun (`Budapest Convention`). */
  instrumentKey(lower: string): string | undefined {
    const direct = this.ctx.instruments.get(lower);
    if (direct) return direct;
    const words = lower.split(' ');
    if (words.length > 1 && INSTRUMENT_NOUNS.has(words[words.length - 1])) return this.ctx.instruments.get(words.slice(0, -1).join(' '));
    return undefined;
  }

  /**
   * After `of the`, a lower-case word: `the convention` (self, in notes) or another document
   * (`paragraph 221 of the outcome document of the United Nations Conference`).
   */
  lowerCaseDocument(i: number, hadThe: boolean): Qualifier | undefined {
    const t = this.tokens.at(i);
    if (!t || t.kind !== 'word' || !hadThe) return undefined;
    if (this.ctx.selfNames.includes(t.lower)) {
      this.pos = i + 1;
      return { kind: 'self' };
    }
    if (OWN_PARTS.has(t.lower) || keywordAt(this.tokens, i) || SAME.has(t.lower)) return undefined;
    // `of the outcome document of the …`: the noun and what names it.
    let j = i;
    while (j < i + 4 && this.tokens.at(j)?.kind === 'word' && /^[a-z]/.test(this.tokens.at(j)!.text) && !this.isWord(this.tokens.at(j), 'of', 'and', 'or', 'shall', 'may', 'is', 'are')) j++;
    if (!this.isWord(this.tokens.at(j), 'of') || !this.capitalAfterConnectors(j + 1)) return undefined;
    const name = this.tokens.at(i)!;
    this.pos = j;
    return { kind: 'external', instrument: this.tokens.at(j - 1)!.end > name.start ? `the ${name.text}` : name.text, path: [] };
  }

  /** `… and the Appendix of the Berne Convention`: an instrument named after a second item of another kind. */
  laterInstrument(): Qualifier | undefined {
    if (!this.isWord(this.peek(), 'and', 'or') || !this.isWord(this.peek(1), 'the')) return undefined;
    const what = this.peek(2);
    if (!what || what.kind !== 'word' || !/^[A-Z]/.test(what.text) || !keywordAt(this.tokens, this.pos + 2)) return undefined;
    if (!this.isWord(this.peek(3), 'of', 'to')) return undefined;
    const save = this.pos;
    this.pos += 4;
    const named = this.instrumentName(false);
    this.pos = save;
    return named && named.kind === 'external' ? named : undefined;
  }
}

/** Can a label stand at this depth of a subparagraph path (1 = letters, 2+ = roman)? */
function fits(label: string, depth: number): boolean {
  return depth >= 2 ? listRomanValue(label) !== undefined : letterValue(label) !== undefined;
}
