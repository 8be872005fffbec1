// The language reference stays true: every ```treaty example in docs/markup.md is parsed
// and checked against the expectation comment that follows it.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { ROOT } from '../support/corpus';

const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'markup.md'), 'utf8');
const EXAMPLE = /```treaty\n([\s\S]*?)```\n<!-- expect:([^>]*)-->/g;

describe('docs/markup.md examples', () => {
  const examples = [...DOC.matchAll(EXAMPLE)];
  it('has an expectation after every treaty example', () => {
    assert.equal(examples.length, (DOC.match(/```treaty\n/g) ?? []).length);
    assert.ok(examples.length >= 15);
  });

  examples.forEach((m, i) => {
    const text = m[1];
    const expect = Object.fromEntries(
      m[2]
        .trim()
        .split(/\s+(?=\w+=)/)
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
    const firstLine = text.split('\n').find((l) => l.trim() && l !== '---') ?? '';
    it(`example ${i + 1} (${firstLine.slice(0, 50)})`, () => {
      const t = analyse(text);
      const count = (kind: string) => t.units.filter((u) => u.kind === kind && !u.implicit).length;
      const actual: Record<string, string> = {
        articles: String(t.articles.length),
        paragraphs: String(count('paragraph')),
        subparagraphs: String(count('subparagraph')),
        subsubparagraphs: String(count('subsubparagraph')),
        recitals: String(count('recital') + t.units.filter((u) => u.kind === 'recital' && u.implicit).length),
        definitions: t.definitions.map((d) => d.term).join(','),
        references: String(t.references.length),
        alternatives: String(t.alternatives.length),
        changes: String(t.changes.length),
        comments: String(t.comments.length),
        notes: String(t.notes.length),
      };
      for (const [key, value] of Object.entries(expect)) {
        if (key === 'codes') continue;
        assert.ok(key in actual, `unknown expectation ${key}`);
        assert.equal(actual[key], value, key);
      }
      const codes = check(t).map((f) => f.code).sort().join(',');
      assert.equal(codes, (expect.codes ?? '').split(',').filter(Boolean).sort().join(','), 'diagnostic codes');
    });
  });
});
