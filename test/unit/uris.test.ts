// Reading a file: URI, shared by the server (with a size limit) and the checker (without), and
// file URIs as keys.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { readFileUri } from '../../server/src/workspace/nodeFiles';
import { resolveRelative, uriKey } from '../../server/src/workspace/uris';

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

// uris.ts is pure, for the web worker's server: its key of a file: URI must be Node's.
describe('features: file URIs as keys, without Node', () => {
  const node = (u: string) => {
    try {
      return pathToFileURL(fileURLToPath(u)).href;
    } catch {
      return u;
    }
  };

  it('keys a file: URI as pathToFileURL(fileURLToPath(uri)) does', () => {
    const cases = [
      'file:///c%3A/x/y.treaty',
      'file:///c:/x/y.treaty',
      'file:///ws/a%20b.treaty',
      'file:///ws/a b.treaty',
      'file:///ws/%E2%80%94.treaty',
      'file:///ws/é.treaty',
      'file:///ws/a%25b.treaty',
      'file:///ws/a%2Fb.treaty',
      'file:///ws/a%5Cb.treaty',
      'file:///ws/a%23b%3Fc.treaty',
      'file:///ws/a.treaty#frag',
      'file:///ws/a.treaty?q=1',
      'file:///ws//a.treaty',
      'file:///ws/./a/../b.treaty',
      'file://server/x.treaty',
      'file://localhost/x/y.treaty',
      'file:///ws/dir/',
      'file:///ws/a%09b%0A.treaty',
      'file:///ws/%7Bx%7D[y]~^|.treaty',
      "file:///ws/a'b(c)!*;=,@&$+.treaty",
      'file:///ws/a"b<c>d`e.treaty',
      'file:///ws/%zz.treaty',
    ];
    for (const c of cases) assert.equal(uriKey(c), node(c), c);
    assert.equal(uriKey('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(uriKey('vscode-vfs://github/o/r/a%20b.treaty'), 'vscode-vfs://github/o/r/a%20b.treaty');
  });

  it('resolves a path named in front matter against any scheme', () => {
    assert.equal(resolveRelative('vscode-vfs://github/o/r/dir/a.treaty', '../notes.treaty'), 'vscode-vfs://github/o/r/notes.treaty');
    assert.equal(resolveRelative('file:///ws/a.treaty', '/abs/x y.treaty'), pathToFileURL('/abs/x y.treaty').href);
    assert.equal(resolveRelative('file:///ws/a.treaty', 'C:\\x\\y.treaty'), 'file:///C:/x/y.treaty');
  });
});
