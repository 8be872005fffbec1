// Reading a file: URI, shared by the server (with a size limit) and the checker (without).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { readFileUri } from '../../server/src/workspace/uris';

describe('features: reading a file URI', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-uris-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file of any size without a limit, and up to the limit with one', () => {
    const file = path.join(dir, 'a.treaty');
    fs.writeFileSync(file, '## Article 1');
    const uri = pathToFileURL(file).href;
    assert.equal(readFileUri(uri), '## Article 1');
    assert.equal(readFileUri(uri, 12), '## Article 1');
    assert.equal(readFileUri(uri, 11), undefined);
  });

  it('reads nothing from a folder, a missing file or a URI that is not file:', () => {
    const folder = pathToFileURL(dir).href;
    assert.equal(readFileUri(folder), undefined);
    assert.equal(readFileUri(folder, 1000), undefined);
    assert.equal(readFileUri(pathToFileURL(path.join(dir, 'missing.treaty')).href), undefined);
    assert.equal(readFileUri('untitled:Untitled-1'), undefined);
  });
});
