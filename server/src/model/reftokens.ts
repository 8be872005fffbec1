// The tokens of reference prose and the words that start a reference. Drafting traditions
// write the same designator many ways: `(a)`, `a)`, `(*a*)` in emphasis, `1.a`, `a.ii`,
// `sub-paragraph`, `Art.`; the tokenizer evens them out so the grammar sees one shape.
import { letterValue, listRomanValue } from '../syntax/numerals';
import type { RefHead } from './refgrammar';

export type TokenKind = 'word' | 'num' | 'paren' | 'placeholder' | 'comma' | 'punct';

/** A token of a reference; its text is sliced when first read (most tokens are never read). */
export class Token {
  private textCache?: string;
  private lowerCache?: string;
  /** For `paren`: the label without parentheses or emphasis, and where it stands. */
  label?: string;
  labelStart?: number;
  /** A label closed but not opened: `a)` (the database style of some traditions). */
  half?: boolean;
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

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Is `c` a letter of a word token? */
export function isWordLetter(c: number): boolean {
  return isLetter(c);
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

/** `(a)`, `(iv)`, `(12)`, and the same in emphasis: `(*c*)`. */
const PAREN_LABEL = /^\(\*?([a-z]{1,5}|\d{1,4})\*?\)/;

/** The token that starts at or after `i` (white space and emphasis marks skipped), before `end`. */
function nextToken(text: string, i: number, end: number): Token | undefined {
  while (i < end) {
    const c = text.charCodeAt(i);
    // `*` is emphasis (`sub-paragraph *(b)*`): it separates like white space.
    if (c === 32 || c === 9 || c === 0xa0 || c === 42) {
      i++;
    } else if (isLetter(c)) {
      return wordToken(text, i, end);
    } else if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < end && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      return new Token(text, 'num', i, j);
    } else if (c === 40 /* ( */) {
      const m = PAREN_LABEL.exec(text.slice(i, Math.min(end, i + 10)));
      if (m) {
        const t = new Token(text, 'paren', i, i + m[0].length);
        t.label = m[1];
        t.labelStart = i + m[0].indexOf(m[1]);
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

/** A word from `i`; `sub-paragraph` is one word, and `b)` a label closed but not opened. */
function wordToken(text: string, i: number, end: number): Token {
  let j = i + 1;
  while (j < end && isLetter(text.charCodeAt(j))) j++;
  if (j - i === 3 && text.charCodeAt(j) === 45 /* - */ && j + 1 < end && isLetter(text.charCodeAt(j + 1)) && text.slice(i, j).toLowerCase() === 'sub') {
    j++;
    while (j < end && isLetter(text.charCodeAt(j))) j++;
  }
  if (j < end && text.charCodeAt(j) === 41 /* ) */ && j - i <= 4 && (i === 0 || text.charCodeAt(i - 1) !== 40)) {
    const label = text.slice(i, j);
    if (isPointLabel(label)) {
      const t = new Token(text, 'paren', i, j + 1);
      t.label = label;
      t.labelStart = i;
      t.half = true;
      return t;
    }
  }
  return new Token(text, 'word', i, j);
}

/** A subparagraph label as drafters letter them: `a`, `aa`, `iv`. */
export function isPointLabel(label: string): boolean {
  return label.length <= 4 && (letterValue(label) !== undefined || listRomanValue(label) !== undefined);
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

/**
 * Every word that starts a reference, singular and plural, with the level it cites.
 * Abbreviations (`Art.`, `para.`) count only with their full stop, checked by the parser.
 */
const KEYWORDS = new Map<string, RefHead>();
for (const [words, head] of [
  [['article', 'articles', 'art', 'arts'], 'article'],
  [['paragraph', 'paragraphs', 'para', 'paras'], 'paragraph'],
  [['subparagraph', 'subparagraphs', 'sub-paragraph', 'sub-paragraphs', 'subpara', 'subparas', 'point', 'points'], 'subparagraph'],
  [['chapter', 'chapters'], 'chapter'],
  [['part', 'parts'], 'part'],
  [['section', 'sections'], 'section'],
  [['annex', 'annexes', 'appendix', 'appendices'], 'annex'],
] as [string[], RefHead][]) {
  for (const w of words) KEYWORDS.set(w, head);
}
/** Keywords that are abbreviations: read only when a full stop follows at once. */
export const ABBREVIATIONS = new Set(['art', 'arts', 'para', 'paras', 'subpara', 'subparas']);

/** The keyword text[start, end) is (`Articles` → article, `sub-paragraph` → subparagraph), if any. */
export function keywordOf(text: string, start: number, end: number): RefHead | undefined {
  const n = end - start;
  if (n < 3 || n > 15) return undefined;
  return KEYWORDS.get(text.slice(start, end).toLowerCase());
}

export function keywordAt(tokens: Token[] | TokenSource, i: number): RefHead | undefined {
  const t = Array.isArray(tokens) ? tokens[i] : tokens.at(i);
  if (!t || t.kind !== 'word') return undefined;
  return KEYWORDS.get(t.lower);
}
