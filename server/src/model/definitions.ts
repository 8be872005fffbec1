// Definitions ("Traffic data" shall mean …) with their scope, and every use of a
// defined term: case-insensitive, whole words, plain plural, longest term first.
import type { Span } from '../syntax/text';
import { ancestor, unitAt } from './units';
import type { Definition, DefinitionScope, TermUse, Unit } from './types';

const DEFINING_VERB = /\s*(?:shall\s+mean|means|shall\s+include|includes|refers\s+to|shall\s+refer\s+to)\b/y;
// Between two names of one definition: `"Freezing" or "seizure"`, `"A", "B" and "C"`.
const JOINER = /\s*(?:,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+)(?=["“])/y;
// An intervening clause: `"Confiscation", which includes forfeiture where applicable, shall mean`.
const CLAUSE = /\s*,[^,"“”;]{1,200},/y;
const QUOTE = /["“]([^"“”\r\n]{1,300})["”]/g;
const QUOTE_AT = /["“]([^"“”\r\n]{1,300})["”]/y;
const PENDING = /^\s*["“]([^"“”\r\n]{1,300})["”]\s*[;:.]?\s*$/;

interface ScopeRule {
  pattern: RegExp;
  scope: DefinitionScope;
}
const SCOPE_RULES: ScopeRule[] = [
  { pattern: /\bfor\s+(?:the\s+)?purposes?\s+of\s+(?:implementing\s+or\s+applying\s+)?paragraph\s+(\d+)\s+of\s+(?:this|the\s+present)\s+article/i, scope: 'paragraph' },
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
      addGroup(definitions, text, unit, [{ term: pending[1], span: { start, end: start + pending[1].length } }], true, own.start);
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
      if (!verb) continue;
      addGroup(definitions, text, unit, names, false, own.start);
      QUOTE.lastIndex = DEFINING_VERB.lastIndex;
    }
  }
  return definitions;
}

function addGroup(definitions: Definition[], text: string, unit: Unit, names: { term: string; span: Span }[], pending: boolean, ownStart: number) {
  const { scope, scopeUnit } = scopeOf(text, unit, ownStart, names[0].span.start);
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
  definitions.push(...group);
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

function scopeOf(text: string, unit: Unit, ownStart: number, termStart: number): { scope: DefinitionScope; scopeUnit?: Unit } {
  const article = ancestor(unit, 'article')!;
  // The scope phrase stands before the term in the same unit, or in the chapeau above it.
  const places: string[] = [text.slice(ownStart, termStart)];
  for (let u = unit.parent; u && u !== article.parent; u = u.parent) places.push(text.slice(u.textSpan.start, u.textSpan.end));
  const chapeau = article.children.find((c) => c.implicit && c.chapeau);
  if (chapeau) places.push(text.slice(chapeau.textSpan.start, chapeau.textSpan.end));
  for (const place of places) {
    for (const rule of SCOPE_RULES) {
      const m = rule.pattern.exec(place);
      if (!m) continue;
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
  words: string[];
  /** Text between the words, white space folded. */
  gaps: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Every use of every defined term, each bound to the definition whose scope is narrowest. */
export function findUses(text: string, bodyStart: number, roots: Unit[], definitions: Definition[]): TermUse[] {
  if (definitions.length === 0) return [];
  const index = new Map<string, Candidate[]>();
  for (const d of definitions) {
    const words: string[] = [];
    const gaps: string[] = [];
    let last = -1;
    for (const m of d.key.matchAll(WORD)) {
      if (last >= 0) gaps.push(d.key.slice(last, m.index).replace(/\s+/g, ' '));
      words.push(m[0]);
      last = m.index! + m[0].length;
    }
    if (words.length === 0) continue;
    const list = index.get(words[0]) ?? [];
    list.push({ definition: d, words, gaps });
    index.set(words[0], list);
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);

  const uses: TermUse[] = [];
  const body = text.slice(bodyStart);
  const tokens: { word: string; start: number; end: number }[] = [];
  for (const m of body.matchAll(WORD)) tokens.push({ word: m[0].toLowerCase(), start: bodyStart + m.index!, end: bodyStart + m.index! + m[0].length });

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const candidates = index.get(t.word) ?? index.get(singular(t.word));
    if (!candidates) continue;
    let unit: Unit | undefined;
    let matched: { definition: Definition; end: number; count: number } | undefined;
    // Words of a term inside its own definition are that term, not shorter terms.
    let ownDefinition = 0;
    for (const c of candidates) {
      if ((matched && c.words.length < matched.count) || c.words.length < ownDefinition) break;
      if (!matchesAt(text, tokens, i, c)) continue;
      unit ??= unitAt(roots, t.start);
      if (!inScope(c.definition, t.start)) continue;
      const home = c.definition.unit.span;
      if (home.start <= t.start && t.start < home.end) {
        ownDefinition = Math.max(ownDefinition, c.words.length);
        continue;
      }
      if (!matched || narrower(c.definition, matched.definition)) matched = { definition: c.definition, end: tokens[i + c.words.length - 1].end, count: c.words.length };
    }
    if (!matched && ownDefinition > 0) {
      i += ownDefinition - 1;
      continue;
    }
    if (matched && unit) {
      const use: TermUse = { definition: matched.definition, span: { start: t.start, end: matched.end }, unit };
      uses.push(use);
      matched.definition.uses.push(use);
      i += matched.count - 1;
    }
  }
  return uses;
}

function matchesAt(text: string, tokens: { word: string; start: number; end: number }[], i: number, c: Candidate): boolean {
  const n = c.words.length;
  if (i + n > tokens.length) return false;
  for (let k = 0; k < n; k++) {
    const w = tokens[i + k].word;
    const expected = c.words[k];
    if (k === n - 1 ? !(w === expected || singular(w) === expected || w === expected + 's' || w === expected + 'es') : w !== expected) return false;
    if (k > 0) {
      const gap = text.slice(tokens[i + k - 1].end, tokens[i + k].start);
      if (gap.replace(/[ \t]+/g, ' ') !== c.gaps[k - 1]) return false;
    }
  }
  return true;
}

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

function inScope(d: Definition, offset: number): boolean {
  if (d.scope === 'global' || !d.scopeUnit) return true;
  return d.scopeUnit.span.start <= offset && offset < d.scopeUnit.span.end;
}

function narrower(a: Definition, b: Definition): boolean {
  if (!a.scopeUnit) return false;
  if (!b.scopeUnit) return true;
  return a.scopeUnit.span.end - a.scopeUnit.span.start < b.scopeUnit.span.end - b.scopeUnit.span.start;
}
