// Every construct the design names, found by a plain regex on each line, must be covered by a
// token with a scope beyond the base scope (nothing recognisable is left as plain text).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASE_SCOPE, ROOT, tokenize, type Token } from './helpers';

interface Construct {
  name: string;
  find: (line: string) => number[]; // offsets that must be scoped
}

const all = (re: RegExp) => (line: string) => [...line.matchAll(re)].map((m) => m.index!);

const constructs: Construct[] = [
  { name: 'heading', find: all(/^#+\s/g) },
  { name: 'marker', find: (l) => { const m = /^\s*(?:- )?(?=\d+\.\s|\([a-z0-9]+\)\s)/.exec(l); return m ? [m[0].length] : []; } },
  {
    name: 'defined term',
    // a quoted term followed, in the same clause, by "shall mean" / "shall include"
    find: (l) => [...l.matchAll(/["“][^"“”]+["”]/g)]
      .filter((m) => /^[^;.]*?\bshall (?:mean|include)\b/.test(l.slice(m.index! + m[0].length)))
      .map((m) => m.index! + 1),
  },
  { name: 'reference', find: all(/\b(?:articles?|paragraphs?) \d+|\bsubparagraphs? \(/gi) },
  { name: 'self-name', find: all(/\bthis Convention\b/g) },
  { name: 'emphasis', find: all(/\*[^*\s][^*]*\*/g) },
  { name: 'footnote', find: all(/\[\^/g) },
];

function frontMatterEnd(lines: string[]): number {
  if (lines[0] !== '---') return 0;
  const end = lines.indexOf('---', 1);
  return end < 0 ? 0 : end + 1;
}

function tokenAt(tokens: Token[], offset: number): Token | undefined {
  return tokens.find((t) => t.start <= offset && offset < t.end);
}

for (const file of ['examples/convention.treaty', 'test/grammar/fixtures/negotiating.treaty']) {
  describe(`grammar: coverage of ${file}`, () => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const lines = text.split(/\r?\n/);

    for (const c of constructs) {
      it(`every ${c.name} has a scope`, async () => {
        const tokens = await tokenize(text);
        const misses: string[] = [];
        let found = 0;
        for (let i = frontMatterEnd(lines); i < lines.length; i++) {
          for (const offset of c.find(lines[i])) {
            found++;
            const tok = tokenAt(tokens[i], offset);
            if (!tok || tok.scopes.every((s) => s === BASE_SCOPE)) {
              misses.push(`  line ${i + 1}, col ${offset + 1}: ${lines[i].slice(offset, offset + 60)}`);
            }
          }
        }
        assert.ok(found > 0, `no ${c.name} found in ${file}: the detector is broken`);
        assert.deepEqual(misses, [], `${misses.length} of ${found} ${c.name}s unscoped:\n${misses.join('\n')}`);
      });
    }
  });
}
