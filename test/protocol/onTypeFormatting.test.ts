// Enter continues the numbering, through the protocol as VS Code asks for it.
import { strict as assert } from 'assert';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { ensureBuilt, LspClient, tempWorkspace } from './lsp';

describe('protocol: numbering continues on Enter', function () {
  this.timeout(30_000);
  let client: LspClient;
  let ws: ReturnType<typeof tempWorkspace>;
  before(async () => {
    ensureBuilt();
    ws = tempWorkspace({});
    client = await LspClient.start({ folders: [ws.dir] });
  });
  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('announces the trigger and inserts the next marker', async () => {
    assert.equal(client.initializeResult.capabilities.documentOnTypeFormattingProvider?.firstTriggerCharacter, '\n');
    const uri = ws.uri('draft.treaty');
    const text = '## Article 1. A\n\n1. One:\n\n(a) first;\n(b) second;\n  ';
    await client.open(uri, text);
    const edits = await client.request<TextEdit[]>('textDocument/onTypeFormatting', {
      textDocument: { uri },
      position: { line: 6, character: 2 },
      ch: '\n',
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(edits, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 2 } }, newText: '(c) ' }]);
  });
});
