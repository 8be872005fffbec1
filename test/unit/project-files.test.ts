// The project over a FileSystem that cannot read at once (the web worker's, which asks the
// client): a file named in front matter is read in the background, is neither known nor
// missing until it arrives, and its arrival is told so that the open documents are checked again.
import { strict as assert } from 'assert';
import type { FileSystem } from '../../server/src/workspace/files';
import { Project } from '../../server/src/workspace/project';

const TREATY = '---\ntitle: T\nnotes: t.notes.treaty\n---\n\n## Article 1. One\n\n1. "Widget" means a thing.\n\n## Article 2. Two\n\n1. Widgets.\n';
const NOTES = '# Interpretative notes\n\n## Article 2\n\n1. A note on widgets.\n';

/** Reads from `disk` only when told to (`release`), as a round trip to the client would. */
function slowFileSystem(disk: Record<string, string>) {
  const waiting: (() => void)[] = [];
  const reads: string[] = [];
  const fs: FileSystem = {
    readFile: (uri) =>
      new Promise((resolve) => {
        reads.push(uri);
        waiting.push(() => resolve(disk[uri]));
      }),
    findFiles: async () => Object.keys(disk),
  };
  const release = async () => {
    for (const go of waiting.splice(0)) go();
    await new Promise((r) => setImmediate(r));
  };
  return { fs, reads, release };
}

describe('features: project over a file system read in the background', () => {
  it('attaches the notes file once it arrives, and says so; no missing file meanwhile', async () => {
    const { fs, reads, release } = slowFileSystem({ 'file:///ws/t.notes.treaty': NOTES });
    const p = new Project(fs);
    const loaded: string[][] = [];
    p.onDidLoad((keys) => loaded.push(keys));
    p.openFile('file:///ws/t.treaty', TREATY, 1);
    assert.deepEqual(p.bundle('file:///ws/t.treaty')!.parts.map((x) => x.role), ['main']);
    assert.deepEqual(p.findings('file:///ws/t.treaty').map((f) => f.code), [], 'a file being read is not missing');
    p.findings('file:///ws/t.treaty');
    assert.deepEqual(reads, ['file:///ws/t.notes.treaty'], 'read once, however often it is asked for');
    await release();
    assert.deepEqual(loaded, [['file:///ws/t.notes.treaty']]);
    const b = p.bundle('file:///ws/t.treaty')!;
    assert.deepEqual(b.parts.map((x) => x.role), ['main', 'notes']);
    assert.equal(b.treaty.notes.length, 1);
  });

  it('reports a notes file that is not there once the read has come back empty', async () => {
    const { fs, release } = slowFileSystem({});
    const p = new Project(fs);
    p.openFile('file:///ws/t.treaty', TREATY, 1);
    assert.deepEqual(p.findings('file:///ws/t.treaty').map((f) => f.code), []);
    await release();
    assert.deepEqual(p.findings('file:///ws/t.treaty').map((f) => f.code), ['frontmatter.missingFile']);
  });

  it('keeps a closed document as it was until the file is read again', async () => {
    const { fs, release } = slowFileSystem({ 'file:///ws/a.treaty': '## Article 1. On disk\n' });
    const p = new Project(fs);
    p.openFile('file:///ws/a.treaty', '## Article 1. Edited\n', 3);
    p.closeFile('file:///ws/a.treaty');
    assert.equal(p.file('file:///ws/a.treaty')?.text, '## Article 1. Edited\n');
    await release();
    assert.equal(p.file('file:///ws/a.treaty')?.text, '## Article 1. On disk\n');
    assert.equal(p.file('file:///ws/a.treaty')?.open, false);
  });
});
