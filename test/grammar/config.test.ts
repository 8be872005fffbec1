// Static checks of snippets/treaty.code-snippets and language-configuration.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, tokenize } from './helpers';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

interface Pair {
  open: string;
  close: string;
  notIn?: string[];
}

interface RegexSpec {
  pattern: string;
  flags?: string;
}

interface LanguageConfiguration {
  comments?: { blockComment?: [string, string] };
  brackets: Array<[string, string]>;
  autoClosingPairs: Array<Pair | [string, string]>;
  surroundingPairs: Array<Pair | [string, string]>;
  wordPattern: string | RegexSpec;
  onEnterRules: Array<{ beforeText: string | RegexSpec; afterText?: string | RegexSpec; action: { indent: string; appendText?: string } }>;
  folding: { markers: { start: string; end: string } };
}

// Both files are plain JSON (no comments), so JSON.parse is enough.
const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'treaty.code-snippets'), 'utf8')) as Record<string, Snippet>;
const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;

const toRegExp = (r: string | RegexSpec): RegExp => (typeof r === 'string' ? new RegExp(r) : new RegExp(r.pattern, r.flags));
const asPair = (p: Pair | [string, string]): Pair => (Array.isArray(p) ? { open: p[0], close: p[1] } : p);

/** Snippet body as inserted with every placeholder at its default and no selection. */
function expand(body: string | string[]): string {
  let text = Array.isArray(body) ? body.join('\n') : body;
  // Innermost first: ${TM_SELECTED_TEXT:default} / ${1:default} → default, then bare tab stops.
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{(?:\d+|[A-Z_]+):([^${}]*)\}/g, '$1');
  return text.replace(/\$\{\d+\}|\$\d+/g, '');
}

describe('snippets', () => {
  const entries = Object.entries(snippets);

  it('every snippet has a prefix, a body and a description', () => {
    assert.ok(entries.length > 0);
    for (const [name, s] of entries) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && /^\S+$/.test(p)), `${name}: prefix`);
      const body = Array.isArray(s.body) ? s.body : [s.body];
      assert.ok(body.length > 0 && body.every((b) => typeof b === 'string') && body.join('').trim() !== '', `${name}: body`);
      assert.ok(typeof s.description === 'string' && s.description.length >= 10, `${name}: description`);
    }
  });

  it('prefixes are unique and cover the drafting needs', () => {
    const prefixes = entries.flatMap(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    assert.equal(new Set(prefixes).size, prefixes.length, `duplicate prefix in ${prefixes.join(', ')}`);
    for (const p of ['frontmatter', 'chapter', 'article', 'para', 'subparas', 'def', 'alt', 'ins', 'del', 'sub', 'highlight', 'comment', 'footnote', 'notes', 'note']) {
      assert.ok(prefixes.includes(p), `no snippet with prefix "${p}"`);
    }
  });

  it('tab stops are well formed (balanced ${…})', () => {
    for (const [name, s] of entries) {
      const text = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      let depth = 0;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '$' && text[i + 1] === '{') depth++;
        else if (text[i] === '}' && depth > 0) depth--;
      }
      assert.equal(depth, 0, `${name}: unbalanced \${…}`);
    }
  });

  // The expanded default text must be highlighted as what it stands for.
  // A prefix (before) stands for what the drafter has typed on the line already.
  const expectations: Array<[prefix: string, needle: string, scope: string, before?: string]> = [
    ['frontmatter', 'short-title', 'meta.embedded.block.frontmatter'],
    ['chapter', 'Chapter', 'keyword.other.chapter.treaty'],
    ['article', 'Article', 'keyword.other.article.treaty'],
    ['article', 'Each State', 'text.treaty'],
    ['para', '1', 'markup.list.numbered.paragraph.treaty'],
    ['subparas', 'b', 'markup.list.numbered.subparagraph.treaty'],
    ['def', 'term', 'entity.name.type.term.treaty'],
    ['defpending', 'term one', 'meta.definition.pending.treaty', '(a) '],
    ['alt', 'option two', 'meta.bracket.pending.treaty'],
    ['ins', 'inserted text', 'markup.inserted.critic.treaty'],
    ['del', 'deleted text', 'markup.deleted.critic.treaty'],
    ['sub', 'new wording', 'markup.inserted.critic.treaty'],
    ['sub', 'old wording', 'markup.deleted.critic.treaty'],
    ['highlight', 'passage', 'markup.highlight.critic.treaty'],
    ['highlight', 'comment', 'comment.block.critic.treaty'],
    ['comment', 'comment', 'comment.block.critic.treaty'],
    ['footnote', '1', 'constant.numeric.footnote.treaty'],
    ['footnote-text', '1', 'meta.footnote.definition.treaty'],
    ['notes', 'Interpretative notes', 'keyword.other.notes.treaty'],
    ['note', 'with regard to the term', 'keyword.other.with-regard-to.treaty', '# Interpretative notes\n\n'],
  ];
  for (const [prefix, needle, scope, before = ''] of expectations) {
    it(`"${prefix}" expands to text with ${scope} on "${needle}"`, async () => {
      const snippet = entries.find(([, s]) => s.prefix === prefix || (Array.isArray(s.prefix) && s.prefix.includes(prefix)));
      assert.ok(snippet, `no snippet "${prefix}"`);
      const text = before + expand(snippet[1].body);
      const lines = await tokenize(text);
      const row = text.split('\n').findIndex((l) => l.includes(needle));
      assert.ok(row >= 0, `"${needle}" not in expanded ${prefix}: ${text}`);
      const at = text.split('\n')[row].indexOf(needle);
      const tok = lines[row].find((t) => t.start <= at && at < t.end)!;
      assert.ok(tok.scopes.includes(scope), `${prefix}: "${needle}" has ${tok.scopes.join(' ')}`);
    });
  }
});

describe('language configuration', () => {
  it('declares [] () {} as brackets', () => {
    for (const pair of [['[', ']'], ['(', ')'], ['{', '}']]) {
      assert.ok(config.brackets.some((b) => b[0] === pair[0] && b[1] === pair[1]), `bracket ${pair.join('')}`);
    }
  });

  it('auto-closes quotes, brackets, emphasis and every CriticMarkup form', () => {
    const pairs = config.autoClosingPairs.map(asPair);
    for (const [open, close] of [['"', '"'], ['“', '”'], ['‘', '’'], ['[', ']'], ['(', ')'], ['*', '*'], ['{++', '++}'], ['{--', '--}'], ['{~~', '~~}'], ['{==', '==}'], ['{>>', '<<}']]) {
      assert.ok(pairs.some((p) => p.open === open && p.close === close), `auto-closing ${open}…${close}`);
    }
  });

  it('every single-character auto-closing pair is also a surrounding pair', () => {
    // VS Code surrounds a selection only on a single typed character, so multi-character
    // CriticMarkup opens cannot be surrounding pairs (the ins/del/sub snippets wrap selections instead).
    const surrounding = config.surroundingPairs.map(asPair);
    for (const p of config.autoClosingPairs.map(asPair).filter((p) => p.open.length === 1)) {
      assert.ok(surrounding.some((s) => s.open === p.open && s.close === p.close), `surrounding pair ${p.open}${p.close}`);
    }
  });

  it('CriticMarkup closes end with "}", so VS Code completes the "{" pair it already closed', () => {
    for (const p of config.autoClosingPairs.map(asPair).filter((p) => p.open.length > 1)) {
      assert.ok(p.open.startsWith('{') && p.close.endsWith('}'), `${p.open} … ${p.close}`);
    }
  });

  it('the wordPattern compiles, never matches empty, and keeps hyphens and apostrophes inside words', () => {
    const re = toRegExp(config.wordPattern);
    assert.ok(!re.test(''), 'wordPattern must not match the empty string');
    const words = (s: string) => [...s.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))].map((m) => m[0]);
    assert.deepEqual(words('"Traffic data" shall mean'), ['Traffic', 'data', 'shall', 'mean']);
    assert.deepEqual(words('the well-being of the communication’s origin'), ['the', 'well-being', 'of', 'the', 'communication’s', 'origin']);
    assert.deepEqual(words("one's privacy, non-public [data]"), ["one's", 'privacy', 'non-public', 'data']);
    assert.deepEqual(words('(a) article 7 bis —'), ['a', 'article', '7', 'bis']);
    assert.deepEqual(words('Übereinkommen über Computerkriminalität'), ['Übereinkommen', 'über', 'Computerkriminalität']);
  });

  it('folding markers (used when no server folds) enclose a comment that spans lines, not one on a line', () => {
    const start = toRegExp(config.folding.markers.start);
    const end = toRegExp(config.folding.markers.end);
    const lines = ['{>>A1: Several delegations asked', 'for the deletion of this paragraph.<<}', '{>>A2: one line<<}', '1. Text {>>A3: inline<<} goes on.'];
    assert.deepEqual(lines.map((l) => [start.test(l), end.test(l)]), [[true, false], [false, true], [false, false], [false, false]]);
  });

  it('the block comment is a CriticMarkup comment', () => {
    assert.deepEqual(config.comments?.blockComment, ['{>>', '<<}']);
  });

  it('Enter after a list item keeps the indentation (and a leading "- ")', () => {
    const ruleFor = (line: string) => config.onEnterRules.find((r) => toRegExp(r.beforeText).test(line));
    for (const line of ['(a) Promote and strengthen', '    (ii) Processes or stores', '1. Each State Party', '(3) *Concerned* that', '(a) (i) The conversion']) {
      const rule = ruleFor(line);
      assert.ok(rule, `no onEnter rule for "${line}"`);
      assert.equal(rule.action.indent, 'none');
      assert.equal(rule.action.appendText, undefined);
    }
    const dash = ruleFor('  - (b) Promote');
    assert.ok(dash);
    assert.equal(dash.action.appendText, '- ');
    for (const line of ['Ordinary prose line', '(see above)', '## Article 5. Title']) {
      assert.equal(ruleFor(line), undefined, `unexpected onEnter rule for "${line}"`);
    }
  });
});
