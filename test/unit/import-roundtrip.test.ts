// Import → export to .docx (server/src/export/docx.ts) → import gives the same text. The
// export does not yet carry authors: it writes every change and comment under its own author
// ("Treatymark", today), with the comment's label inside the comment's text. So the second
// import matches the first but for that prefix and the front matter's `tracked-changes`
// authors and dates, which this test states exactly.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { treatyToDocx } from '../../server/src/export/docx';
import { importFile } from '../../server/src/import';
import { analyse } from '../../server/src/model/analyse';
import { DOCX_FIXTURES, measure } from '../support/importMeasure';

function imported(bytes: Uint8Array): string {
  const result = importFile(bytes, 'x.docx');
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.text;
}

const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n\n/, '');

describe('import → export to .docx → import', function () {
  this.timeout(60_000);
  for (const name of ['convention-excerpt', 'convention']) {
    it(`${name}.docx gives the same text`, async () => {
      const first = imported(new Uint8Array(fs.readFileSync(path.join(DOCX_FIXTURES, `${name}.docx`))));
      const second = imported(await treatyToDocx(analyse(first)));
      assert.equal(body(second).split('{>>Treatymark: ').join('{>>'), body(first));
      const [a, b] = [measure(first), measure(second)];
      assert.deepEqual([b.insertions, b.deletions], [a.insertions, a.deletions]);
      assert.equal(b.changeAuthors.length, a.changeAuthors.length);
      assert.equal(analyse(second).frontMatter.title, analyse(first).frontMatter.title);
    });
  }
});
