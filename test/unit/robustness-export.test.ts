// Publishing never throws and never loses a word, whatever the text (the preview renders
// every keystroke's text): random treaties built from the pieces drafters type, and the zero
// draft cut at random. Each HTML page holds the source's words in order (when its
// CriticMarkup is closed), and each Akoma Ntoso file is valid against the strict schema.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { analyse } from '../../server/src/model/analyse';
import { buildDocument } from '../../server/src/export/document';
import { renderAkn } from '../../server/src/export/akn';
import { renderHtml } from '../../server/src/export/html';
import { ZERO_DRAFT_PATH } from '../support/corpus';
import { aknCheckerForSuite, htmlBodyText, sourceWords, words } from '../support/publish';
import { numRuns, seed } from '../support/robust';
import * as fs from 'fs';

const piece = fc.constantFrom(
  '# Preamble\n', '## Article ', '# Chapter ', '# Annex I. Form\n', '# Interpretative notes\n', '# Final clauses\n', '1. ', '(a) ', '(i) ', '(ii) ', '\n', '\n\n', '\r\n',
  'article ', 'articles ', 'paragraph ', ' of this Convention', ' of the Charter', ' to ', ' and ', ', ', '1', '2', '7 bis', 'X', '[X]', 'The States Parties,', '*Noting*',
  '"', '“', '”', ' shall mean ', '[', ']', '{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{==', '==}', '{>>', 'A1: ', '<<}', '[^1]', '[^1]: ', '*', '\\[', '&', '<b>',
  'IN WITNESS WHEREOF', 'word ', 'Text. ', 'مادة', '\t',
);
const treaty = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

describe('robustness of the export', function () {
  this.timeout(120_000);
  const checker = aknCheckerForSuite();

  const holds = (text: string) => {
    const t = analyse(text);
    const doc = buildDocument(t);
    const html = renderHtml(doc);
    // A mark left open (change.unclosed, an error) runs to the end of its paragraph, across
    // lines the walk prints elsewhere: the words are all there, but not always in this order.
    if (t.syntax.critic.every((c) => c.closed)) {
      const got = words(htmlBodyText(html));
      const expected = sourceWords(t, { comments: true, footnoteMark: () => ' ' });
      // Letters and digits in order: where markup meets a word (`*Noting*1`) word boundaries are moot.
      assert.equal(got.join(''), expected.join(''), JSON.stringify(text));
    }
    const errors = checker().validate(renderAkn(doc, { date: '2024-01-01' }));
    assert.deepEqual(errors, [], JSON.stringify(text));
  };

  it('random treaties: the page holds every word in order, the XML is valid', () => {
    fc.assert(fc.property(treaty, holds), { numRuns: numRuns(150), seed: seed(18) });
  });

  it('the zero draft cut anywhere (a mark opened and never closed, a heading halved)', () => {
    const zero = fs.readFileSync(ZERO_DRAFT_PATH, 'utf8');
    const cut = fc.tuple(fc.nat(zero.length), fc.nat(4000)).map(([at, n]) => zero.slice(at, at + n));
    fc.assert(fc.property(cut, holds), { numRuns: numRuns(40), seed: seed(19) });
  });
});
