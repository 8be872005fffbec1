// Definitions ("Traffic data" shall mean …) with their scope, and every use of a
// defined term: case-insensitive, whole words, plain plural, longest term first.
import type { Span } from '../syntax/text';
import { ancestor, unitAt } from './units';
import type { Definition, DefinitionScope, TermUse, Unit } from './types';

const DEFINING_VERB = /\s*(?:shall\s+mean|means|shall\s+include|includes|refers\s+to|shall\s+refer\s+to)\b/y;
// Between two names of one definition: `"Freezing" or "seizure"`, `"A", "B" and "C"`.
// (`(?<=\s)` instead of `\s*\s+or`: two white-space runs side by side backtrack quadratically
// over a long run of spaces; the char before the match is always a closing quote.)
const JOINER = /\s*(?:,\s*(?:or\s+|and\s+)?|(?<=\s)(?:or|and)\s+)(?=["“])/y;
// An intervening clause: `"Confiscation", which includes forfeiture where applicable, shall mean`.
const CLAUSE = /\s*,[^,"“”;]{1,200},/y;
const QUOTE = /["“]([^"“”\r\n]{1,300})["”]/g;
const QUOTE_AT = /["“]([^"“”\r\n]{1,300})["”]/y;
// `\s*(?:[;:.]\s*)?$`, not `\s*[;:.]?\s*$`: the latter backtracks quadratically over spaces.
const PENDING = /^\s*["“]([^"“”\r\n]{1,300})["”]\s*(?:[;:.]\s*)?$/;

interface ScopeRule {
  pattern: RegExp;
  scope: DefinitionScope;
}
const SCOPE_RULES: ScopeRule[] = [
  // `paragraph 1 of this article`, `paragraph 1 above`, or a bare `paragraph 1` (not `paragraph 1 of article 5`).
  { pattern: /\bfor\s+(?:the\s+)?purposes?\s+of\s+(?:implementing\s+or\s+applying\s+)?paragraph\s+(\d+)(?:\s+of\s+(?:this|the\s+present)\s+article|\s+(?:above|below)\b|(?!\s*of\b))/i, scope: 'paragraph' },
  { pattern: /\bfor\s+(?:the\s+)?purposes?\s+of\s+(?:implementing\s+or\s+applying\s+)?(?:this|the\s+present)\s+article\b/i, scope: 'article' },
  { pattern: /\bfor\s+(?:the\s+)?purposes?\s+of\s+(?:this|the\s+present)\s+paragraph\b/i, scope: 'paragraph' },
  { pattern: /\bfor\s+(?:the\s+)?purposes?\s+of\s+(?:this|the\s+present)\s+chapter\b/i, scope: 'chapter' },
  { pattern: /\bfor\s+(?:the\s+)?purposes?\s+of\s+(?:this|the\s+present)\s+[A-Z]\w+/i, scope: 'global' },
];

export function termKey(term: string): string {
  return term.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

export function findDefinitions(text: string, units: Unit[]): Definition[] {
  const definitions: Definition[] = [];
  const memo: ScopeMemo = { phrases: new Map(), chapeaux: new Map() };
  for (const unit of units) {
    if (unit.kind !== 'paragraph' && unit.kind !== 'subparagraph' && unit.kind !== 'subsubparagraph') continue;
    // A note interprets a definition; it never makes one.
    if (ancestor(unit, 'notes') || !ancestor(unit, 'article')) continue;
    const own = unit.textSpan;
    if (own.end <= own.start) continue;
    const body = text.slice(own.start, own.end);
    if (body.indexOf('"') < 0 && body.indexOf('“') < 0) continue;
    const pending = PENDING.exec(body);
    if (pending && unit.kind !== 'paragraph') {
      const start = own.start + pending.index + pending[0].indexOf(pending[1]);
      addGroup(definitions, text, unit, [{ term: pending[1], span: { start, end: start + pending[1].length } }], true, own.start, memo);
      continue;
    }
    QUOTE.lastIndex = 0;
    for (let m = QUOTE.exec(body); m; m = QUOTE.exec(body)) {
      const names = [{ term: m[1], span: { start: own.start + m.index + 1, end: own.start + m.index + 1 + m[1].length } }];
      let pos = m.index + m[0].length;
      for (;;) {
        JOINER.lastIndex = pos;
        if (!JOINER.exec(body)) break;
        QUOTE_AT.lastIndex = JOINER.lastIndex;
        const next = QUOTE_AT.exec(body);
        if (!next) break;
        names.push({ term: next[1], span: { start: own.start + next.index + 1, end: own.start + next.index + 1 + next[1].length } });
        pos = QUOTE_AT.lastIndex;
      }
      DEFINING_VERB.lastIndex = pos;
      let verb = DEFINING_VERB.exec(body);
      if (!verb) {
        CLAUSE.lastIndex = pos;
        if (CLAUSE.exec(body)) {
          DEFINING_VERB.lastIndex = CLAUSE.lastIndex;
          verb = DEFINING_VERB.exec(body);
        }
      }
      if (!verb) {
        // The chain from any later name of it ends at the same place, without a verb too:
        // skip it (`"a" or "a" or …` was read again from each name, quadratically).
        QUOTE.lastIndex = pos;
        continue;
      }
      addGroup(definitions, text, unit, names, false, own.start, memo);
      QUOTE.lastIndex = DEFINING_VERB.lastIndex;
    }
  }
  return definitions;
}

function addGroup(definitions: Definition[], text: string, unit: Unit, names: { term: string; span: Span }[], pending: boolean, ownStart: number, memo: ScopeMemo) {
  const { scope, scopeUnit } = scopeOf(text, unit, ownStart, names[0].span.start, memo);
  const group: Definition[] = [];
  for (const name of names) {
    const base: Definition = { term: name.term, key: termKey(stripBrackets(name.term)), span: name.span, unit, scope, scopeUnit, pending, group, uses: [] };
    const alternatives = alternativeNames(name.term);
    if (alternatives.length > 1) {
      // `"[Computer system] [ICT device]"`: each option is a name until the choice is made.
      for (const alt of alternatives) {
        const start = name.span.start + alt.offset;
        group.push({ ...base, term: alt.text, key: termKey(alt.text), span: { start, end: start + alt.text.length }, alternativeOf: base });
      }
    } else {
      group.push(base);
    }
  }
  // A loop, not `push(...group)`: `"a" or "a" or …` can name 100 000 terms and overflow the stack.
  for (const d of group) definitions.push(d);
}

function stripBrackets(term: string): string {
  return term.replace(/[[\]]/g, '');
}

/** `[A] [B]` → A and B with their offsets; anything else → one name. */
export function alternativeNames(term: string): { text: string; offset: number }[] {
  const re = /\[([^\[\]]+)\]\s*/y;
  const out: { text: string; offset: number }[] = [];
  let pos = 0;
  while (pos < term.length) {
    re.lastIndex = pos;
    const m = re.exec(term);
    if (!m) return [];
    out.push({ text: m[1].trim(), offset: pos + 1 });
    pos = re.lastIndex;
  }
  return out;
}

/**
 * The first match of each scope rule in a unit's text, found once per text: a long chapeau
 * or paragraph holding thousands of definitions was read again for each (quadratic).
 */
function scopePhrases(text: string, span: Span, memo: ScopeMemo): (RegExpExecArray | null)[] {
  const key = `${span.start}:${span.end}`;
  let hits = memo.phrases.get(key);
  if (!hits) {
    const place = text.slice(span.start, span.end);
    hits = SCOPE_RULES.map((rule) => rule.pattern.exec(place));
    memo.phrases.set(key, hits);
  }
  return hits;
}

interface ScopeMemo {
  phrases: Map<string, (RegExpExecArray | null)[]>;
  chapeaux: Map<Unit, Unit | undefined>;
}

function scopeOf(text: string, unit: Unit, ownStart: number, termStart: number, memo: ScopeMemo): { scope: DefinitionScope; scopeUnit?: Unit } {
  const article = ancestor(unit, 'article')!;
  // The scope phrase stands before the term in the same unit, or in the chapeau above it.
  // In the unit's own text, a phrase counts if it starts before the term: no phrase can run
  // across the quote that opens the term, so that is a phrase of the text before the term.
  const places: { span: Span; before: number }[] = [{ span: { start: ownStart, end: Math.max(ownStart, unit.textSpan.end) }, before: termStart - ownStart }];
  for (let u = unit.parent; u && u !== article.parent; u = u.parent) places.push({ span: u.textSpan, before: Infinity });
  if (!memo.chapeaux.has(article)) memo.chapeaux.set(article, article.children.find((c) => c.implicit && c.chapeau));
  const chapeau = memo.chapeaux.get(article);
  if (chapeau) places.push({ span: chapeau.textSpan, before: Infinity });
  for (const place of places) {
    const hits = scopePhrases(text, place.span, memo);
    for (let r = 0; r < SCOPE_RULES.length; r++) {
      const rule = SCOPE_RULES[r];
      const m = hits[r];
      if (!m || m.index >= place.before) continue;
      if (rule.scope === 'global') return { scope: 'global' };
      if (rule.scope === 'article') return { scope: 'article', scopeUnit: article };
      if (rule.scope === 'chapter') {
        const chapter = ancestor(article, 'chapter');
        return chapter ? { scope: 'chapter', scopeUnit: chapter } : { scope: 'article', scopeUnit: article };
      }
      const paragraph = m[1] ? article.children.find((c) => c.kind === 'paragraph' && c.number === m[1]) : ancestor(unit, 'paragraph');
      return paragraph ? { scope: 'paragraph', scopeUnit: paragraph } : { scope: 'article', scopeUnit: article };
    }
  }
  return { scope: 'global' };
}

interface Candidate {
  definition: Definition;
  /** Lower-case words of the term. */
  words: string[];
  /** Text between the words, white space folded. */
  gaps: string[];
}

/**
 * Every use of every defined term, each bound to the definition whose scope is narrowest.
 * Each word of the text is looked up among the forms of the terms' first words (a set, so
 * the cost does not grow with the number of terms); only there are the following words compared.
 */
export function findUses(text: string, bodyStart: number, roots: Unit[], definitions: Definition[]): TermUse[] {
  return UseFinder.of(definitions)?.scan(text, bodyStart, text.length, roots, true) ?? [];
}

/**
 * The terms of a list of definitions, ready to find their uses in any part of a text. A use
 * never spans a line break (no term's words are joined across one), so the uses of a range
 * of whole lines are those a scan of the whole text finds there: incremental analysis
 * keeps one finder while the definitions stay as they were and scans only what changed.
 */
export class UseFinder {
  private constructor(
    private readonly byFirst: Map<string, Candidate[]>,
    private readonly forms: Set<string>,
    private readonly alternation: boolean,
    private readonly finder: RegExp,
  ) {}

  /** The finder for `definitions`; undefined when no term has a word to find. */
  static of(definitions: Definition[]): UseFinder | undefined {
    if (definitions.length === 0) return undefined;
    const byFirst = new Map<string, Candidate[]>();
    // A definition with the key, unit and scope of an earlier one can never be the one chosen
    // (the earlier one always decides first, the same way): leave it out, or thousands of
    // definitions of one term in one paragraph make each use try them all (quadratic).
    const same = new Set<string>();
    for (const d of definitions) {
      const identity = `${d.key}\u0000${d.unit.index}\u0000${d.scopeUnit?.index ?? -1}`;
      if (same.has(identity)) continue;
      same.add(identity);
      const words: string[] = [];
      const gaps: string[] = [];
      let last = -1;
      for (const m of d.key.matchAll(TERM_WORD)) {
        if (last >= 0) gaps.push(d.key.slice(last, m.index).replace(/\s+/g, ' '));
        words.push(m[0]);
        last = m.index! + m[0].length;
      }
      if (words.length === 0) continue;
      const list = byFirst.get(words[0]) ?? [];
      list.push({ definition: d, words, gaps });
      byFirst.set(words[0], list);
    }
    // Longest term first; among equally long ones the narrowest scope first, so the first
    // candidate that applies is the one to take (no scan of the rest: with thousands of
    // definitions of one term that scan was quadratic). Two scopes that both hold at one
    // place are nested, so their order does not change as the text around them is edited.
    for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length || scopeSize(a.definition) - scopeSize(b.definition));
    // The whole words a term may start with, plain plurals included.
    const forms = new Set<string>();
    for (const w of byFirst.keys()) {
      if (w.endsWith('y') && w.length > 2) for (const end of ['y', 'ys', 'ies']) forms.add(w.slice(0, -1) + end);
      else for (const end of ['', 's', 'es']) forms.add(w + end);
    }
    // No term has a word (`"\uD800" means …`): nothing to find (an empty alternation matches everywhere).
    if (forms.size === 0) return undefined;
    // Few ASCII forms: one alternation of them, so the engine skips the words that start no
    // term without a string per word (three times faster on a treaty). Many forms: a set per
    // word, since an alternation's cost grows with text × terms (thousands took seconds).
    // ASCII only: there `i` and toLowerCase agree, so both find the same words.
    const alternation = forms.size <= MAX_ALTERNATION && [...forms].every(isAsciiWord);
    const finder = alternation
      ? new RegExp(`(?:${[...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|')})(?![${WORD_CLASS}])`, 'gi')
      : new RegExp(`[${WORD_CLASS}]+`, 'g');
    return new UseFinder(byFirst, forms, alternation, finder);
  }

  /**
   * The uses that start in [from, to) (`from` at the start of a line, or of the body), in
   * order; with `record`, each is also added to its definition's `uses`.
   */
  scan(text: string, from: number, to: number, roots: Unit[], record: boolean): TermUse[] {
    const { byFirst, forms, alternation, finder } = this;
    const uses: TermUse[] = [];
    finder.lastIndex = from;
    for (let m = finder.exec(text); m && m.index < to; m = finder.exec(text)) {
      if (alternation) {
        // The end of a longer word, not a word (the search goes on after it). A check here, not
        // a lookbehind in the pattern: that made the search a quarter slower.
        if (m.index > 0 && isWordChar(text.charCodeAt(m.index - 1))) continue;
      } else if (!forms.has(m[0].toLowerCase())) continue;
      const start = m.index;
      const first = m[0].toLowerCase();
      const candidates = byFirst.get(first) ?? singulars(first).map((w) => byFirst.get(w)).find(Boolean);
      if (!candidates) continue;
      const found = useAt(text, start, start + m[0].length, candidates, roots);
      if (found.end >= 0) finder.lastIndex = found.end;
      if (!found.use) continue;
      uses.push(found.use);
      if (record) found.use.definition.uses.push(found.use);
    }
    return uses;
  }
}

/**
 * The use of one of `candidates` that starts at `start` (its first word ends at `firstEnd`),
 * and where the search goes on: after it, after the words of a term inside its own
 * definition (those are that term, not shorter terms), or from the regex's place (-1).
 */
function useAt(text: string, start: number, firstEnd: number, candidates: Candidate[], roots: Unit[]): { use?: TermUse; end: number } {
  let unit: Unit | undefined;
  let matched: { definition: Definition; end: number; count: number } | undefined;
  let ownDefinition = 0;
  let ownEnd = 0;
  for (const c of candidates) {
    if ((matched && c.words.length < matched.count) || c.words.length < ownDefinition) break;
    // The scope first: it is cheap, and of many copies of a term defined for their own
    // article only one holds here (reading the text for each of them grew with their number).
    if (!inScope(c.definition, start)) continue;
    const end = matchEnd(text, start, firstEnd, c);
    if (end < 0) continue;
    unit ??= unitAt(roots, start);
    const home = c.definition.unit.span;
    if (home.start <= start && start < home.end) {
      if (c.words.length > ownDefinition) {
        ownDefinition = c.words.length;
        ownEnd = end;
      }
      continue;
    }
    matched = { definition: c.definition, end, count: c.words.length };
    break;
  }
  if (!matched) return { end: ownDefinition > 0 ? ownEnd : -1 };
  return { use: unit ? { definition: matched.definition, span: { start, end: matched.end }, unit } : undefined, end: matched.end };
}

const TERM_WORD = /[\p{L}\p{N}]+/gu;
/** Most first-word forms searched as one alternation (see findUses). */
const MAX_ALTERNATION = 300;
/** Letters and digits of the scripts a treaty is written in (Latin, Greek, Cyrillic, Arabic, CJK …). */
const WORD_CLASS = 'A-Za-z0-9\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u1FFF\\u2C00-\\uD7FF';
const WORD_CHAR = new RegExp(`[${WORD_CLASS}]`);

/** What a plain plural may stand for: providers → provider, processes → process, properties → property. */
function singulars(word: string): string[] {
  const out: string[] = [];
  if (word.endsWith('ies')) out.push(word.slice(0, -3) + 'y');
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  return out;
}

/** Lower-case ASCII letters and digits only. */
function isAsciiWord(word: string): boolean {
  for (let j = 0; j < word.length; j++) {
    const c = word.charCodeAt(j);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_CHAR.test(String.fromCharCode(c));
}

function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

/** Does text[start, end) equal `word` (lower case), ignoring case? */
function sameWord(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let j = 0; j < word.length; j++) if (lowerCode(text.charCodeAt(start + j)) !== word.charCodeAt(j)) return false;
  return true;
}

/** The last word may carry a plain plural: s, es, or y → ies. */
function samePluralWord(text: string, start: number, end: number, word: string): boolean {
  if (sameWord(text, start, end, word)) return true;
  const len = end - start;
  if (len === word.length + 1 && lowerCode(text.charCodeAt(end - 1)) === 115) return sameWord(text, start, end - 1, word);
  if (len === word.length + 2 && lowerCode(text.charCodeAt(end - 1)) === 115 && lowerCode(text.charCodeAt(end - 2)) === 101) return sameWord(text, start, end - 2, word);
  if (word.endsWith('y') && len === word.length + 2 && text.slice(end - 3, end).toLowerCase() === 'ies') return sameWord(text, start, end - 3, word.slice(0, -1));
  return false;
}

/** Where the term `c` ends if it stands at `start` (its first word ends at `firstEnd`), or -1. */
function matchEnd(text: string, start: number, firstEnd: number, c: Candidate): number {
  const n = c.words.length;
  if (!(n === 1 ? samePluralWord(text, start, firstEnd, c.words[0]) : sameWord(text, start, firstEnd, c.words[0]))) return -1;
  let pos = firstEnd;
  for (let k = 1; k < n; k++) {
    let s = pos;
    while (s < text.length && !isWordChar(text.charCodeAt(s))) s++;
    if (!sameGap(text, pos, s, c.gaps[k - 1])) return -1;
    let e = s;
    while (e < text.length && isWordChar(text.charCodeAt(e))) e++;
    if (!(k === n - 1 ? samePluralWord(text, s, e, c.words[k]) : sameWord(text, s, e, c.words[k]))) return -1;
    pos = e;
  }
  return pos;
}

/** Is text[start, end) the gap `expected` ("-" or " "), spaces and tabs folded to one? */
function sameGap(text: string, start: number, end: number, expected: string): boolean {
  if (expected === ' ') {
    for (let j = start; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c !== 32 && c !== 9) return false;
    }
    return end > start;
  }
  return text.slice(start, end).replace(/[ \t]+/g, ' ') === expected;
}

function inScope(d: Definition, offset: number): boolean {
  if (d.scope === 'global' || !d.scopeUnit) return true;
  return d.scopeUnit.span.start <= offset && offset < d.scopeUnit.span.end;
}

/** Length of the text a definition holds in; a global one holds everywhere. */
function scopeSize(d: Definition): number {
  return d.scopeUnit ? d.scopeUnit.span.end - d.scopeUnit.span.start : Infinity;
}
