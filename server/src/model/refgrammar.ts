// The reference language drafters write, parsed from words into target paths:
//   article 17, paragraph 1 (a) (i) or (ii) or (b) (i), of this Convention
//   articles 57, paragraph 5 (g), 61 and 62 of the Convention
//   subparagraphs (a) to (c) of this paragraph · article 21(4) · chapters III and IV
// Recursive descent over a line's tokens; no backtracking beyond one token of look-ahead.
import type { Span } from '../syntax/text';
import { letterValue, listRomanValue, romanValue, SUFFIXES } from '../syntax/numerals';
import type { RefLevel } from './types';

export type TokenKind = 'word' | 'num' | 'paren' | 'placeholder' | 'comma' | 'punct';

/** A token of a reference; its text is sliced when first read (most tokens are never read). */
export class Token {
  private textCache?: string;
  private lowerCache?: string;
  /** For `paren`: the label without parentheses, and where it stands. */
  label?: string;
  labelStart?: number;
  constructor(
    private readonly source: string,
    readonly kind: TokenKind,
    readonly start: number,
    readonly end: number,
  ) {}

  get text(): string {
    return (this.textCache ??= this.source.slice(this.start, this.end));
  }

  /** The text in lower case, computed once: the parser compares words many times. */
  get lower(): string {
    return (this.lowerCache ??= this.text.toLowerCase());
  }
}

/** What the parser reads tokens from: an array, or a TokenStream that makes them as asked. */
export interface TokenSource {
  at(i: number): Token | undefined;
}

export interface Seg {
  level: RefLevel;
  label: string;
  span: Span;
}

export interface TargetSpec {
  segs: Seg[];
  /** Range end at the level of the last segment: `to 16`, `to (c)`. */
  to?: Seg;
}

export type Qualifier =
  | { kind: 'none' }
  | { kind: 'self' }
  | { kind: 'thisArticle' }
  | { kind: 'thisParagraph' }
  | { kind: 'thisChapter' }
  /** `of paragraph 1 [of article 14]`, `of article 14` */
  | { kind: 'path'; segs: Seg[] }
  | { kind: 'external'; instrument: string; key?: string };

export interface ParsedRef {
  start: number;
  end: number;
  /** The keyword's level: what the first numbers are. */
  head: 'article' | 'paragraph' | 'subparagraph' | 'chapter' | 'part' | 'section';
  specs: TargetSpec[];
  qualifier: Qualifier;
  placeholder: boolean;
  /** Index of the token after the reference. */
  next: number;
}

export interface GrammarContext {
  /** Names the treaty calls itself (lower case): `convention`, its title. */
  selfNames: string[];
  /** Instrument keys and titles from front matter (lower case → canonical key). */
  instruments: Map<string, string>;
}

/** Each keyword in the singular; the plural adds an s. */
const KEYWORD_LIST: [string, ParsedRef['head']][] = [
  ['article', 'article'],
  ['paragraph', 'paragraph'],
  ['subparagraph', 'subparagraph'],
  ['chapter', 'chapter'],
  ['part', 'part'],
  ['section', 'section'],
];
const SUFFIX_SET = new Set(SUFFIXES);
/** Labels in one run after a number: `(2) (b) (ii)` needs three; more name nothing. */
const MAX_PARENS = 6;
const CONNECTORS = new Set(['of', 'the', 'on', 'and', 'against', 'for', 'in', 'to', 'relating', 'concerning']);

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Tokens of text[start, end): words, numbers, `(a)` labels, placeholders and punctuation. */
export function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  for (let t = nextToken(text, start, end); t; t = nextToken(text, t.end, end)) tokens.push(t);
  return tokens;
}

/**
 * The tokens of text[start, end) made one by one as the parser asks for them: a reference
 * reads a few tokens after its keyword, not the rest of its paragraph. `start` must be where
 * `tokenize` of the whole region would start a token (the keyword's first letter is).
 */
export class TokenStream implements TokenSource {
  private readonly tokens: Token[] = [];
  private pos: number;
  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  at(i: number): Token | undefined {
    if (i < 0) return undefined;
    while (this.tokens.length <= i) {
      const t = nextToken(this.text, this.pos, this.end);
      if (!t) return undefined;
      this.tokens.push(t);
      this.pos = t.end;
    }
    return this.tokens[i];
  }
}

/** The token that starts at or after `i` (white space skipped), before `end`. */
function nextToken(text: string, i: number, end: number): Token | undefined {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 0xa0) {
      i++;
    } else if (isLetter(c)) {
      let j = i + 1;
      while (j < end && isLetter(text.charCodeAt(j))) j++;
      return new Token(text, 'word', i, j);
    } else if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < end && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      return new Token(text, 'num', i, j);
    } else if (c === 40 /* ( */) {
      const m = /^\(([a-z]{1,5}|\d{1,4})\)/.exec(text.slice(i, Math.min(end, i + 8)));
      if (m) {
        const t = new Token(text, 'paren', i, i + m[0].length);
        t.label = m[1];
        t.labelStart = i + 1;
        return t;
      }
      return new Token(text, 'punct', i, i + 1);
    } else if (c === 91 /* [ */) {
      const close = placeholderEnd(text, i, end);
      return close >= 0 ? new Token(text, 'placeholder', i, close + 1) : new Token(text, 'punct', i, i + 1);
    } else if (c === 95 /* _ */ && text.charCodeAt(i + 1) === 95) {
      let j = i;
      while (j < end && text.charCodeAt(j) === 95) j++;
      return new Token(text, 'placeholder', i, j);
    } else if (c === 0x2026 /* … */) {
      return new Token(text, 'placeholder', i, i + 1);
    } else if (c === 44 /* , */) {
      return new Token(text, 'comma', i, i + 1);
    } else {
      return new Token(text, 'punct', i, i + 1);
    }
  }
  return undefined;
}

/** `[X]`, `[on criminalization]` opening at `open`: a number still to be agreed. Its `]`, or -1. */
function placeholderEnd(text: string, open: number, end: number): number {
  let j = open + 1;
  while (j < end && j < open + 80 && text[j] !== ']' && text[j] !== '[') j++;
  return j < end && text[j] === ']' && text[open + 1] !== '^' ? j : -1;
}

/**
 * Does the tokenizer of text[start, end) start a word token at `at` (a letter that no letter
 * precedes), or is that letter inside a `(a)` label or a `[…]` placeholder? For finding
 * keywords by a search over the text, with the tokens made only from there.
 */
export function startsWordToken(text: string, start: number, end: number, at: number, wordEnd: number): boolean {
  if (at > start && isLetter(text.charCodeAt(at - 1))) return false;
  // `(part)`: a label, when `(` opens one (the `(` itself starts a token unless a placeholder holds it, below).
  if (at > start && text.charCodeAt(at - 1) === 40 && wordEnd - at <= 5 && wordEnd < end && text.charCodeAt(wordEnd) === 41) {
    let lower = true;
    for (let k = at; k < wordEnd && lower; k++) lower = text.charCodeAt(k) >= 97 && text.charCodeAt(k) <= 122;
    if (lower) return false;
  }
  // Inside `[…]`: a `[` at most 79 characters back with no bracket between (a `[` always starts a token).
  for (let b = at - 1; b >= start && b >= at - 79; b--) {
    const c = text.charCodeAt(b);
    if (c === 93 /* ] */) break;
    if (c === 91 /* [ */) return !(placeholderEnd(text, b, end) > at);
  }
  return true;
}

/** Is `c` a letter of a word token? */
export function isWordLetter(c: number): boolean {
  return isLetter(c);
}

export function keywordAt(tokens: Token[] | TokenSource, i: number): ParsedRef['head'] | undefined {
  const t = Array.isArray(tokens) ? tokens[i] : tokens.at(i);
  if (!t || t.kind !== 'word') return undefined;
  return keywordOf(t.lower, 0, t.lower.length);
}

/**
 * The keyword text[start, end) is, compared by character codes (no string is made):
 * `Articles` → article. Every keyword starts with a, c, p or s and has 4 to 13 letters.
 */
export function keywordOf(text: string, start: number, end: number): ParsedRef['head'] | undefined {
  const n = end - start;
  if (n < 4 || n > 13) return undefined;
  const c = text.charCodeAt(start) | 32;
  if (c !== 97 && c !== 99 && c !== 112 && c !== 115) return undefined;
  for (const [word, head] of KEYWORD_LIST) {
    const plural = n === word.length + 1;
    if (n !== word.length && !plural) continue;
    if (plural && (text.charCodeAt(end - 1) | 32) !== 115) continue;
    let same = true;
    for (let k = 0; k < word.length && same; k++) {
      const x = text.charCodeAt(start + k);
      // ASCII letters only: `| 32` folds A–Z onto a–z and leaves a–z alone.
      same = ((x >= 65 && x <= 90) || (x >= 97 && x <= 122)) && (x | 32) === word.charCodeAt(k);
    }
    if (same) return head;
  }
  return undefined;
}

/** Try to read a reference starting at the keyword token `i`. */
export function parseReference(tokens: Token[] | TokenSource, i: number, ctx: GrammarContext): ParsedRef | undefined {
  const source: TokenSource = Array.isArray(tokens) ? { at: (k) => (k >= 0 ? tokens[k] : undefined) } : tokens;
  const head = keywordAt(source, i);
  if (!head) return undefined;
  const p = new Parser(source, ctx);
  p.pos = i + 1;
  return p.reference(head, source.at(i)!.start);
}

class Parser {
  pos = 0;
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

  reference(head: ParsedRef['head'], start: number): ParsedRef | undefined {
    const first = this.peek();
    if (!first) return undefined;
    // Placeholders: `article [X]`, `articles [on criminalization]`, `article __`, `Article X`.
    if (first.kind === 'placeholder' || (head === 'article' && first.kind === 'word' && first.text === 'X')) {
      this.pos++;
      return { start, end: first.end, head, specs: [], qualifier: { kind: 'none' }, placeholder: true, next: this.pos };
    }
    let specs: TargetSpec[] | undefined;
    if (head === 'article') specs = this.articleList();
    else if (head === 'paragraph') specs = this.paragraphList();
    else if (head === 'subparagraph') specs = this.pointList([]);
    else specs = this.divisionList(head);
    if (!specs || specs.length === 0) return undefined;
    let end = this.lastEnd;
    const qualifier = this.qualifier(head);
    if (qualifier) end = this.lastEnd;
    return { start, end, head, specs, qualifier: qualifier ?? { kind: 'none' }, placeholder: false, next: this.pos };
  }

  /** End offset of the last token consumed. */
  get lastEnd(): number {
    return this.tokens.at(this.pos - 1)!.end;
  }

  articleNumber(): Seg | undefined {
    const t = this.peek();
    if (!t || t.kind !== 'num') return undefined;
    this.pos++;
    const suffix = this.peek();
    if (suffix && suffix.kind === 'word' && SUFFIX_SET.has(suffix.text.toLowerCase())) {
      this.pos++;
      return { level: 'article', label: `${t.text} ${suffix.text.toLowerCase()}`, span: { start: t.start, end: suffix.end } };
    }
    return { level: 'article', label: t.text, span: { start: t.start, end: t.end } };
  }

  /** `17`, `17 (2) (a)`, `17, paragraph 1 (a) and paragraph 2` */
  articleItem(): TargetSpec[] | undefined {
    const art = this.articleNumber();
    if (!art) return undefined;
    const parens = this.parenRun(true);
    if (parens.length > 0) {
      return this.continuePoints([art, ...parens]);
    }
    // `, paragraph 1 …` belongs to this article.
    if (this.peek()?.kind === 'comma' && this.isWord(this.peek(1), 'paragraph', 'paragraphs')) {
      const save = this.pos;
      // `articles 57, paragraph 5 (g), 61 and 62`: after a singular "paragraph" a comma
      // goes back to the article list; "paragraphs 1, 2 and 3" keeps its commas.
      let plural = this.isWord(this.peek(1), 'paragraphs');
      this.pos += 2;
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
        return [{ segs: [art] }];
      }
      // The comma that closes the inserted paragraph phrase is part of the reference
      // when the list or a qualifier goes on after it.
      if (this.peek()?.kind === 'comma' && (this.peek(1)?.kind === 'num' || this.isWord(this.peek(1), 'of'))) {
        if (this.peek(1)?.kind === 'num' || this.qualifierAhead(2)) this.pos++;
      }
      return specs;
    }
    return [{ segs: [art] }];
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
    const first = this.articleItem();
    if (!first) return undefined;
    // Loops, not `push(...list)`: a list of 150 000 items overflows the call stack.
    for (const s of first) specs.push(s);
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (this.isWord(t, 'to') && this.peek(1)?.kind === 'num' && specs[specs.length - 1].segs.length === 1) {
        this.pos++;
        const to = this.articleNumber()!;
        specs[specs.length - 1].to = to;
        continue;
      }
      const sep = this.separator();
      if (sep && this.peek(sep)?.kind === 'num') {
        this.pos += sep;
        const more = this.articleItem();
        if (!more) break;
        for (const s of more) specs.push(s);
        continue;
      }
      // `, paragraph 5 (g), 61 and 62`: the comma after the paragraph phrase is already consumed.
      if (t.kind === 'num' && this.tokens.at(this.pos - 1)!.kind === 'comma') {
        const more = this.articleItem();
        if (!more) break;
        for (const s of more) specs.push(s);
        continue;
      }
      break;
    }
    return specs;
  }

  /** Length in tokens of a list separator here: `,` `and` `or` `, and` `, or`; 0 if none. */
  separator(): number {
    const t = this.peek();
    if (!t) return 0;
    if (this.isWord(t, 'and', 'or')) return 1;
    if (t.kind === 'comma') return this.isWord(this.peek(1), 'and', 'or') ? 2 : 1;
    // After an inserted `, paragraph 5 (g),` the comma is already consumed.
    return 0;
  }

  paragraphList(commaContinues = true): TargetSpec[] | undefined {
    const specs: TargetSpec[] = [];
    const item = (): boolean => {
      const t = this.peek();
      if (!t || t.kind !== 'num') return false;
      this.pos++;
      const para: Seg = { level: 'paragraph', label: t.text, span: { start: t.start, end: t.end } };
      const parens = this.parenRun(false);
      if (parens.length > 0) for (const s of this.continuePoints([para, ...parens])) specs.push(s);
      else specs.push({ segs: [para] });
      return true;
    };
    if (!item()) return undefined;
    for (;;) {
      const t = this.peek();
      if (this.isWord(t, 'to') && this.peek(1)?.kind === 'num' && specs[specs.length - 1].segs.length === 1) {
        const n = this.peek(1)!;
        this.pos += 2;
        specs[specs.length - 1].to = { level: 'paragraph', label: n.text, span: { start: n.start, end: n.end } };
        continue;
      }
      const sep = this.separator();
      if (sep && this.peek(sep)?.kind === 'num' && (commaContinues || this.peek()!.kind !== 'comma')) {
        this.pos += sep;
        item();
        continue;
      }
      break;
    }
    return specs;
  }

  /** Consecutive `(a) (i)` labels. After an article number a digit is a paragraph. */
  parenRun(afterArticle: boolean): Seg[] {
    const segs: Seg[] = [];
    for (;;) {
      const t = this.peek();
      // No path is deeper than (2) (b) (ii): stop at MAX_PARENS, or `(a) (a) … or (a) …` on one
      // line copies ever longer paths for each item (quadratic time and memory).
      if (!t || t.kind !== 'paren' || segs.length >= MAX_PARENS) break;
      const digit = /^\d/.test(t.label!);
      if (digit && !(afterArticle && segs.length === 0)) break;
      this.pos++;
      segs.push({ level: digit ? 'paragraph' : 'point', label: t.label!, span: { start: t.labelStart!, end: t.labelStart! + t.label!.length } });
    }
    return segs;
  }

  /** `(a) to (c)` / `(a) (i) or (ii) or (b) (i)` after a fixed prefix (article, paragraph). */
  pointList(prefix: Seg[]): TargetSpec[] | undefined {
    const run = this.parenRun(false);
    if (run.length === 0) return undefined;
    return this.continuePoints([...prefix, ...run]);
  }

  continuePoints(firstSegs: Seg[]): TargetSpec[] {
    const specs: TargetSpec[] = [{ segs: firstSegs }];
    for (;;) {
      const last = specs[specs.length - 1];
      const t = this.peek();
      if (this.isWord(t, 'to') && this.peek(1)?.kind === 'paren' && !/^\d/.test(this.peek(1)!.label!)) {
        const p = this.peek(1)!;
        this.pos += 2;
        last.to = { level: 'point', label: p.label!, span: { start: p.labelStart!, end: p.labelStart! + p.label!.length } };
        continue;
      }
      const sep = this.separator();
      if (!sep || this.peek(sep)?.kind !== 'paren') break;
      this.pos += sep;
      const run = this.parenRun(false);
      if (run.length === 0) break;
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

  divisionList(head: ParsedRef['head']): TargetSpec[] | undefined {
    const level = head as RefLevel;
    const num = (): Seg | undefined => {
      const t = this.peek();
      if (!t) return undefined;
      if (t.kind === 'num' || (t.kind === 'word' && /^[IVXLC]+$/.test(t.text) && romanValue(t.text) !== undefined)) {
        this.pos++;
        return { level, label: t.text, span: { start: t.start, end: t.end } };
      }
      return undefined;
    };
    const first = num();
    if (!first) return undefined;
    const specs: TargetSpec[] = [{ segs: [first] }];
    for (;;) {
      if (this.isWord(this.peek(), 'to')) {
        const save = this.pos;
        this.pos++;
        const to = num();
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
      const n = num();
      if (!n) {
        this.pos = save;
        break;
      }
      specs.push({ segs: [n] });
    }
    return specs;
  }

  /** `of this article`, `, of this Convention`, `of article 14`, `of the International Covenant …` */
  qualifier(head: ParsedRef['head']): Qualifier | undefined {
    const save = this.pos;
    if (this.peek()?.kind === 'comma' && this.isWord(this.peek(1), 'of')) this.pos++;
    if (!this.isWord(this.peek(), 'of')) {
      this.pos = save;
      return undefined;
    }
    this.pos++;
    const t = this.peek();
    if (!t) {
      this.pos = save;
      return undefined;
    }
    if (this.isWord(t, 'this') || (this.isWord(t, 'the') && this.isWord(this.peek(1), 'present'))) {
      this.pos += this.isWord(t, 'this') ? 1 : 2;
      const what = this.peek();
      if (!what || what.kind !== 'word') {
        this.pos = save;
        return undefined;
      }
      this.pos++;
      const w = what.text.toLowerCase();
      if (w === 'article') return { kind: 'thisArticle' };
      if (w === 'paragraph' || w === 'subparagraph') return { kind: 'thisParagraph' };
      if (w === 'chapter' || w === 'part' || w === 'section') return { kind: 'thisChapter' };
      return { kind: 'self' };
    }
    if (head !== 'article' && this.isWord(t, 'paragraph') && this.peek(1)?.kind === 'num') {
      const n = this.peek(1)!;
      this.pos += 2;
      const segs: Seg[] = [{ level: 'paragraph', label: n.text, span: { start: n.start, end: n.end } }];
      const inner = this.qualifier('paragraph');
      if (inner && inner.kind === 'path') return { kind: 'path', segs: [...inner.segs, ...segs] };
      if (inner && inner.kind === 'external') return inner;
      return { kind: 'path', segs };
    }
    if (head !== 'article' && this.isWord(t, 'article') && this.peek(1)?.kind === 'num') {
      this.pos++;
      const art = this.articleNumber()!;
      const inner = this.qualifier('article');
      if (inner && inner.kind === 'external') return inner;
      return { kind: 'path', segs: [art] };
    }
    const named = this.instrumentName();
    if (named) return named;
    this.pos = save;
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

  /** `the Convention` (self), `the International Covenant on Civil and Political Rights`, `UNTOC`. */
  instrumentName(): Qualifier | undefined {
    const start = this.pos;
    let i = this.pos;
    if (this.isWord(this.tokens.at(i), 'the')) i++;
    const words: Token[] = [];
    for (;;) {
      const t = this.tokens.at(i);
      if (!t || t.kind !== 'word') break;
      const capital = /^[A-Z]/.test(t.text);
      if (!capital && !(words.length > 0 && CONNECTORS.has(t.lower) && this.capitalAfterConnectors(i))) break;
      words.push(t);
      i++;
    }
    // A lower-case self-name: "of the convention" in the interpretative notes.
    if (words.length === 0) {
      const t = this.tokens.at(i);
      if (t && t.kind === 'word' && this.isWord(this.tokens.at(i - 1), 'the') && this.ctx.selfNames.includes(t.lower)) {
        this.pos = i + 1;
        return { kind: 'self' };
      }
      return undefined;
    }
    const name = words.map((w) => w.text).join(' ');
    const lower = name.toLowerCase();
    const key = this.ctx.instruments.get(lower);
    if (key) {
      this.pos = i;
      return { kind: 'external', instrument: name, key };
    }
    if (this.ctx.selfNames.some((s) => s === lower || (lower.split(' ').length > 1 && s.startsWith(lower)))) {
      this.pos = i;
      return { kind: 'self' };
    }
    const hadThe = this.isWord(this.tokens.at(start), 'the');
    // An unknown capitalised name after "of the", or an acronym such as UNTOC, is another instrument.
    if ((hadThe && words.length >= 1) || /^[A-Z]{2,}$/.test(name)) {
      this.pos = i;
      return { kind: 'external', instrument: name };
    }
    return undefined;
  }
}

/** Can a label stand at this depth of a subparagraph path (1 = letters, 2+ = roman)? */
function fits(label: string, depth: number): boolean {
  return depth >= 2 ? listRomanValue(label) !== undefined : letterValue(label) !== undefined;
}
