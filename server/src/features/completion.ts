// Completion where a drafter writes a reference or a defined term:
//   `article |`      the articles, with their headings
//   `paragraph |`    the paragraphs of the article in scope (or of `article 14, paragraph |`)
//   `article 2 (|`   the subparagraphs there; `(a) (|` one level down; `(a) to (|` siblings
//   a word           the defined terms in scope at the cursor
//   `## Article |`   the number a new article takes here (`8`, or `7 bis` between 7 and 8);
//                    `art|` at the start of a line: a whole new article with that number
import { SUFFIXES } from '../syntax/numerals';
import type { Definition, Treaty, Unit } from '../model/types';
import { ancestor, describe, unitAt } from '../model/units';
import { normalizeNumber } from '../model/references';
import type { View } from '../workspace/bundle';
import { md, oneLine, quote, snippet, textLines, unitTitle } from './text';

export interface CompletionEntry {
  label: string;
  /** Shown beside the label (the article's heading). */
  description?: string;
  kind: 'article' | 'paragraph' | 'subparagraph' | 'term' | 'snippet';
  /** `edit.newText` is a snippet with tab stops. */
  snippet?: boolean;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText: string;
  filterText?: string;
  /** Offsets in the file's current text. */
  edit: { start: number; end: number; newText: string };
}

const SUFFIX = `(?:\\s+(?:${SUFFIXES.join('|')}))?`;
const SEP = `\\s*(?:,\\s*(?:and\\s+|or\\s+)?|and\\s+|or\\s+|to\\s+)\\s*`;
const ARTICLE_LIST = new RegExp(`\\barticles?\\s+(?:\\d+${SUFFIX}${SEP})*(\\d*)$`, 'i');
const PARAGRAPH_LIST = new RegExp(`\\bparagraphs?\\s+(?:\\d+${SEP})*(\\d*)$`, 'i');
const ARTICLE_COMMA = new RegExp(`\\barticle\\s+(\\d+${SUFFIX})\\s*,\\s*$`, 'i');
const PAREN_OPEN = /\(([a-z]{0,5})$/;
const POINT_CHAIN = /(?:\(\s*[a-z]{1,5}\s*\)\s*(?:(?:,|and\b|or\b|to\b)\s*)*)*$/i;
const WORD_FRAGMENT = /[\p{L}][\p{L}\p{N}'’-]*$/u;
const HEADING_ARTICLE = /^[ \t]*#{1,6}[ \t]*article[ \t]+(\d*)$/i;
const LINE_START_WORD = /^[ \t]*(?:#{1,6}[ \t]*)?([a-z]{1,7})$/i;

export function complete(view: View, key: string, local: number, onTriggerCharacter: boolean, explicit = false): CompletionEntry[] {
  const text = view.currentText(key);
  if (text === undefined) return [];
  const at = Math.max(0, Math.min(local, text.length));
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const prefix = text.slice(Math.max(lineStart, at - 400), at);
  const treatyOffset = view.toTreatyOffset(key, at);
  const here = treatyOffset !== undefined ? unitAt(view.treaty.roots, treatyOffset) : undefined;

  const paren = PAREN_OPEN.exec(prefix);
  if (paren) return points(view.treaty, text, at, prefix, paren, here);
  const para = PARAGRAPH_LIST.exec(prefix);
  if (para) return paragraphs(view.treaty, prefix.slice(0, para.index), at, para[1], here);
  const lineStartT = view.toTreatyOffset(key, lineStart);
  const inNotes = !!(ancestor(here, 'notes') || ancestor(here, 'noteGroup'));
  const heading = HEADING_ARTICLE.exec(prefix);
  // A note heading names an existing article: the list below. A treaty heading is a new one.
  if (heading && !inNotes && lineStartT !== undefined && treatyOffset !== undefined) return newArticleNumbers(view.treaty, lineStartT, treatyOffset, at, heading[1]);
  const art = ARTICLE_LIST.exec(prefix);
  if (art) return articles(view.treaty, at, art[1]);
  if (onTriggerCharacter || treatyOffset === undefined) return [];
  const frag = WORD_FRAGMENT.exec(prefix);
  if (!frag && !explicit) return [];
  const found = terms(view.treaty, treatyOffset, at, prefix, frag?.[0] ?? '');
  const word = LINE_START_WORD.exec(prefix);
  if (word && !inNotes && lineStartT !== undefined && 'article'.startsWith(word[1].toLowerCase())) found.unshift(newArticleSnippet(view.treaty, lineStartT, treatyOffset, lineStart, at, `${prefix.slice(0, prefix.length - word[1].length)}article`));
  return found;
}

/**
 * The number a new article takes where the drafter types its heading: one more than the
 * article before (in the same annex, or in the treaty body), or, when the next article
 * already has that number, the next suffix (`7 bis`, then `7 ter`), so nothing else changes
 * until the text is renumbered.
 */
function newArticleNumber(treaty: Treaty, fromT: number, toT: number): { number: string; sequential: string; before?: Unit; after?: Unit } {
  const region = ancestor(unitAt(treaty.roots, fromT), 'annex');
  const others = treaty.articles.filter((a) => !(a.anchorSpan.start >= fromT && a.anchorSpan.start <= toT) && ancestor(a, 'annex') === region && a.value !== undefined && !a.placeholder);
  let before: Unit | undefined;
  let after: Unit | undefined;
  for (const a of others) {
    if (a.anchorSpan.start < fromT) before = a;
    else if (!after) after = a;
  }
  const base = before?.value ?? 0;
  // The number it takes once the text is renumbered.
  const sequential = String(base + 1);
  if (before && after && after.value === base + 1) {
    const next = SUFFIXES[before.suffix ? SUFFIXES.indexOf(before.suffix.toLowerCase()) + 1 : 0];
    if (next) return { number: `${base} ${next}`, sequential, before, after };
  }
  return { number: sequential, sequential, before, after };
}

function newArticleNumbers(treaty: Treaty, fromT: number, toT: number, at: number, typed: string): CompletionEntry[] {
  const { number, sequential, before, after } = newArticleNumber(treaty, fromT, toT);
  const where = before && after ? `between article ${before.number} and article ${after.number}` : before ? `after article ${before.number}` : after ? `before article ${after.number}` : 'the first article';
  const entries: CompletionEntry[] = [
    { label: number, description: 'new article here', kind: 'article', detail: `Article ${number}: ${where}`, sortText: pad(0), filterText: number, edit: { start: at - typed.length, end: at, newText: number } },
  ];
  // Between 7 and 8 the drafter may prefer the final number and renumber at once.
  if (number !== sequential) {
    entries.push({ label: sequential, description: `then renumber from article ${after?.number}`, kind: 'article', detail: `Article ${sequential}: ${where}; the articles after it need renumbering`, sortText: pad(1), filterText: sequential, edit: { start: at - typed.length, end: at, newText: sequential } });
  }
  return entries;
}

/** `filterText`: the line as typed, with the word completed (VS Code matches it against the replaced text). */
function newArticleSnippet(treaty: Treaty, fromT: number, toT: number, lineStart: number, at: number, filterText: string): CompletionEntry {
  const { number } = newArticleNumber(treaty, fromT, toT);
  return {
    label: 'article',
    description: `Article ${number}: a new article here`,
    kind: 'snippet',
    snippet: true,
    detail: `## Article ${number}. Title`,
    documentation: `A new article, numbered **${number}** for its place in the treaty, with a title and a first paragraph.`,
    sortText: pad(0),
    filterText,
    edit: { start: lineStart, end: at, newText: `## Article \${1:${number}}. \${2:Title}\n\n1. \${0:Each State Party shall …}` },
  };
}

function articles(treaty: Treaty, at: number, typed: string): CompletionEntry[] {
  return treaty.articles
    .filter((a) => a.number && !a.placeholder)
    .map((a, i) => ({
      label: a.number,
      description: a.title,
      kind: 'article' as const,
      detail: unitTitle(a),
      documentation: quote(snippet(treaty, a, 3, 400)),
      sortText: pad(i),
      filterText: a.number,
      edit: { start: at - typed.length, end: at, newText: a.number },
    }));
}

/** The article a relative reference counts from: the one it stands in, or the first a note is about. */
function articleInScope(treaty: Treaty, here: Unit | undefined): Unit | undefined {
  const article = ancestor(here, 'article');
  if (article && !article.implicit) return article;
  const group = ancestor(here, 'noteGroup');
  if (group) return treaty.noteGroups.find((g) => g.unit === group)?.targets.map((t) => ancestor(t, 'article')).find(Boolean);
  return undefined;
}

function findArticle(treaty: Treaty, number: string): Unit | undefined {
  const key = normalizeNumber(number);
  return treaty.articles.find((a) => a.number && normalizeNumber(a.number) === key);
}

function paragraphs(treaty: Treaty, before: string, at: number, typed: string, here: Unit | undefined): CompletionEntry[] {
  const named = ARTICLE_COMMA.exec(before);
  const article = named ? findArticle(treaty, named[1]) : articleInScope(treaty, here);
  if (!article) return [];
  return article.children
    .filter((c) => c.kind === 'paragraph' && !c.implicit)
    .map((p, i) => ({
      label: p.number,
      description: oneLine(treaty, p, 50),
      kind: 'paragraph' as const,
      detail: `${unitTitle(article)}, paragraph ${p.number}`,
      documentation: quote(snippet(treaty, p, 3, 400)),
      sortText: pad(i),
      filterText: p.number,
      edit: { start: at - typed.length, end: at, newText: p.number },
    }));
}

function points(treaty: Treaty, text: string, at: number, prefix: string, paren: RegExpExecArray, here: Unit | undefined): CompletionEntry[] {
  const parenStart = at - paren[0].length;
  const before = prefix.slice(0, prefix.length - paren[0].length);
  const chain = POINT_CHAIN.exec(before)?.[0] ?? '';
  const rest = before.slice(0, before.length - chain.length);
  let holder: Unit | undefined;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`\\barticle\\s+(\\d+${SUFFIX})\\s*,\\s*paragraph\\s+(\\d+)\\s*$`, 'i').exec(rest))) {
    holder = findArticle(treaty, m[1])?.children.find((c) => c.kind === 'paragraph' && !c.implicit && c.number === m![2]);
  } else if ((m = /\bparagraphs?\s+(\d+)\s*$/i.exec(rest))) {
    holder = articleInScope(treaty, here)?.children.find((c) => c.kind === 'paragraph' && !c.implicit && c.number === m![1]);
  } else if ((m = new RegExp(`\\barticles?\\s+(\\d+${SUFFIX})\\s*$`, 'i').exec(rest))) {
    const article = findArticle(treaty, m[1]);
    holder = article?.children.find((c) => c.kind === 'paragraph' && c.implicit) ?? article;
  } else if (/\bsubparagraphs?\s*$/i.test(rest)) {
    holder = ancestor(here, 'paragraph') ?? (here && ancestor(here, 'article')?.children.find((c) => c.kind === 'paragraph' && c.implicit));
  }
  if (!holder) return [];
  // `(a) (` goes one level down; `(a) to (` / `(a), (` / `(a) or (` stays at the level of (a).
  const path: string[] = [];
  let afterConnector = false;
  for (const tok of chain.match(/\(\s*[a-z]{1,5}\s*\)|,|\band\b|\bor\b|\bto\b/gi) ?? []) {
    if (tok.startsWith('(')) {
      const label = tok.slice(1, -1).trim();
      if (afterConnector && path.length > 0) path[path.length - 1] = label;
      else path.push(label);
      afterConnector = false;
    } else afterConnector = true;
  }
  const parentPath = afterConnector ? path.slice(0, -1) : path;
  let node: Unit | undefined = holder;
  for (const label of parentPath) {
    node = node?.children.find((c) => (c.kind === 'subparagraph' || c.kind === 'subsubparagraph') && c.number === label);
    if (!node) return [];
  }
  const end = text[at] === ')' ? at + 1 : at;
  return node.children
    .filter((c) => c.kind === 'subparagraph' || c.kind === 'subsubparagraph')
    .map((p, i) => ({
      label: `(${p.number})`,
      description: oneLine(treaty, p, 50),
      kind: 'subparagraph' as const,
      detail: describe(p),
      documentation: quote(snippet(treaty, p, 3, 400)),
      sortText: pad(i),
      filterText: `(${p.number})`,
      edit: { start: parenStart, end, newText: `(${p.number})` },
    }));
}

function terms(treaty: Treaty, offset: number, at: number, prefix: string, fragment: string): CompletionEntry[] {
  const seen = new Set<string>();
  const out: CompletionEntry[] = [];
  const inScope = (d: Definition) => d.scope === 'global' || !d.scopeUnit || (d.scopeUnit.span.start <= offset && offset <= d.scopeUnit.span.end);
  const capital = /^\p{Lu}/u.test(fragment);
  for (const d of treaty.definitions) {
    if (seen.has(d.key) || !inScope(d)) continue;
    seen.add(d.key);
    let label = runningText(d.term);
    if (capital) label = label.charAt(0).toUpperCase() + label.slice(1);
    const typed = typedPrefix(prefix, label) ?? fragment;
    out.push({
      label,
      kind: 'term',
      detail: `defined term — ${describe(d.unit)}`,
      documentation: quote(textLines(treaty, d.unit, true)) + (d.pending ? `\n\n*${md('Pending: meaning still to be agreed.')}*` : ''),
      sortText: `~${d.key}`,
      filterText: label,
      edit: { start: at - typed.length, end: at, newText: label },
    });
  }
  return out;
}

/** The longest end of the line typed so far that begins this label (`traffic d` for "traffic data"). */
function typedPrefix(prefix: string, label: string): string | undefined {
  const lower = label.toLowerCase();
  const tail = prefix.slice(-Math.min(prefix.length, label.length + 1));
  for (let i = 0; i < tail.length; i++) {
    if (i > 0 && /[\p{L}\p{N}]/u.test(tail[i - 1])) continue;
    if (!/[\p{L}]/u.test(tail[i] ?? '')) continue;
    const candidate = tail.slice(i);
    if (lower.startsWith(candidate.toLowerCase())) return candidate;
  }
  return undefined;
}

/** How a term reads in running text: "Traffic data" → "traffic data"; "ICT device" stays. */
export function runningText(term: string): string {
  const words = term.split(/\s+/);
  const first = words[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return term;
  // "States Parties": a name written with capitals throughout keeps them.
  if (words.length > 1 && words.slice(1).some((w) => /^\p{Lu}/u.test(w))) return term;
  if (/\p{Lu}/u.test(first.slice(1))) return term;
  return term.charAt(0).toLowerCase() + term.slice(1);
}

function pad(i: number): string {
  return String(i).padStart(4, '0');
}
