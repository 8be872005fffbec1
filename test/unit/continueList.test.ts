// Enter continues the numbering of the unit above.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { continueList } from '../../server/src/edits/continueList';
import { applyEdits } from '../../server/src/edits/textedit';

/** Text with `|` where Enter was just pressed: returns the new line as continued. */
function enter(before: string): string {
  const text = before.replace('|', '\n');
  const treaty = analyse(text);
  const line = treaty.lines.lineAt(before.indexOf('|') + 1);
  const edit = continueList(treaty, line);
  return edit ? treaty.lines.lineText(line) + '→' + applyEdits(text, [edit]).split('\n')[line] : '(none)';
}

describe('continuing the numbering on Enter', () => {
  const article = '## Article 1. A\n\n';
  it('continues paragraphs, subparagraphs and sub-subparagraphs', () => {
    assert.equal(enter(`${article}1. One.\n\n3. Three.|`), '→4. ');
    assert.equal(enter(`${article}1. One:\n\n(a) a;\n(b) b;|`), '→(c) ');
    assert.equal(enter(`${article}1. One:\n\n(a) (i) first;|`), '→(ii) ');
    assert.equal(enter(`${article}1. One:\n\n(a) a;\n(b) b:\n  - (ii) two;|`), '→  - (iii) ');
  });
  it('reads (i) after (h) as a letter and continues with (j)', () => {
    const items = 'abcdefgh'.split('').map((c) => `(${c}) x;`).join('\n');
    assert.equal(enter(`${article}1. One:\n\n${items}\n(i) the letter;|`), '→(j) ');
  });
  it('does nothing after prose, a heading, or an empty item', () => {
    assert.equal(enter(`${article}Some text.|`), '(none)');
    assert.equal(enter(`## Article 1. A|`), '(none)');
    assert.equal(enter(`${article}1. One:\n\n(a) |`), '(none)');
  });
});
