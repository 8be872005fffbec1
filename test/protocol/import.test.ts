// `treatymark/import` through the protocol, as the VS Code client asks it: the file's bytes
// (base64) and name in, the treaty or one line saying why not out. The server reads nothing.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ImportResult } from '../../server/src/lsp/import';
import { DOCX_FIXTURES } from '../support/importMeasure';
import { serverForSuite } from './lsp';

const base64 = (file: string) => fs.readFileSync(path.join(DOCX_FIXTURES, file)).toString('base64');

describe('protocol: treatymark/import', function () {
  this.timeout(60_000);
  const server = serverForSuite();

  it('imports a .docx sent as base64', async () => {
    const answer = await server().request<ImportResult>('treatymark/import', { name: 'convention-excerpt.docx', data: base64('convention-excerpt.docx') });
    assert.ok(answer.ok);
    assert.match(answer.text, /^## Article 5\. Protection of sovereignty$/m);
    assert.deepEqual([answer.stats.insertions, answer.stats.deletions, answer.stats.comments], [3, 2, 4]);
  });

  it('says in one line why a file cannot be imported, and answers null to a request without bytes', async () => {
    const answer = await server().request<ImportResult>('treatymark/import', { name: 'encrypted.docx', data: base64('broken/encrypted.docx') });
    assert.ok(!answer.ok);
    assert.match(answer.message, /^encrypted\.docx is protected by a password/);
    assert.equal(await server().request('treatymark/import', { name: 'x.docx' }), null);
    const garbled = await server().request<ImportResult>('treatymark/import', { name: 'x.docx', data: '%%%not base64' });
    assert.ok(!garbled.ok);
  });
});
