// Renumbering real treaties, checked against their independent facts: insert an article
// after article 2 and renumber the articles. Every citation of an article numbered 3 or more
// (as the facts list them) now names its number + 1 at the same place; citations of articles
// 1 and 2, of annexes' own articles and of other instruments are unchanged; the headings
// follow; nothing else in the text changes. The expected text is built from the facts alone.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { planRenumbering } from '../../server/src/edits/renumber';
import { applyEdits, type TextEdit } from '../../server/src/edits/textedit';
import { LineIndex } from '../../server/src/syntax/text';
import { corpusNames, loadCorpus } from '../support/fidelity';

const INSERTED = ' Article 2 bis. Inserted\n\nText of the inserted article.\n\n';

/** A body article's number from a facts unit id (`art_17__para_1` → 17); annexes' articles have none. */
const bodyArticle = (unit: string): number | undefined => {
  const m = /^art_(\d+)(?:__|$)/.exec(unit);
  return m ? Number(m[1]) : undefined;
};

describe('renumbering real treaties after an inserted article', () => {
  for (const name of corpusNames()) {
    it(`${name}: exactly the citations and headings of articles 3 and later change, by one`, () => {
      const { text, facts } = loadCorpus(name);
      const lines = new LineIndex(text);
      const art3 = (facts as unknown as { articles: { id: string; line: number }[] }).articles.find((a) => a.id === 'art_3')!;
      const insertAt = lines.starts[art3.line - 1];
      const hashes = /^#+/.exec(lines.lineText(art3.line - 1))![0];
      const inserted = text.slice(0, insertAt) + hashes + INSERTED + text.slice(insertAt);

      // What should change, in the original text's offsets: digits that name articles ≥ 3.
      const expected: TextEdit[] = [];
      const renumber = (start: number, digits: string) => {
        // The facts list a designator once per reference that holds it; edit it once.
      if (Number(digits) >= 3 && !expected.some((e) => e.span.start === start)) expected.push({ span: { start, end: start + digits.length }, newText: String(Number(digits) + 1) });
      };
      for (const a of (facts as unknown as { articles: { id: string; number: string; line: number }[] }).articles) {
        if (bodyArticle(a.id) === undefined) continue;
        const line = lines.lineText(a.line - 1);
        const m = /^(#+ Article )(\d+)/.exec(line)!;
        renumber(lines.starts[a.line - 1] + m[1].length, m[2]);
      }
      let citations = 0;
      for (const ref of facts.cross_references) {
        if (ref.kind !== 'internal') continue;
        for (const c of ref.cited) {
          const n = bodyArticle(c.unit);
          // The token names the article itself (`17`), or starts with it (`38.a`, `14.2`).
          const digits = /^\d+/.exec(c.token)?.[0];
          if (n === undefined || digits === undefined || Number(digits) !== n || !(c.unit === `art_${n}` || /^\d+\./.test(c.token))) continue;
          renumber(lines.starts[ref.line - 1] + c.col, digits);
          citations++;
        }
      }
      // The inserted article itself becomes article 3.
      const shift = (e: TextEdit): TextEdit => (e.span.start >= insertAt ? { span: { start: e.span.start + (hashes + INSERTED).length, end: e.span.end + (hashes + INSERTED).length }, newText: e.newText } : e);
      const bis = insertAt + hashes.length + ' Article '.length;
      const want = applyEdits(inserted, [...expected.map(shift), { span: { start: bis, end: bis + '2 bis'.length }, newText: '3' }]);

      const got = applyEdits(inserted, planRenumbering(analyse(inserted), { level: 'article' }).edits);
      assert.ok(citations > 0, 'the facts list citations of later articles');
      if (got !== want) {
        const g = got.split('\n');
        const w = want.split('\n');
        const k = g.findIndex((l, i) => l !== w[i]);
        assert.fail(`line ${k + 1} differs:\n  got:  ${g[k]}\n  want: ${w[k]}`);
      }
    });
  }
});
