// "Treatymark: Open Preview to the Side" in the editor, on the convention: the webview shows
// article 17 as printed, a reference link in it goes to its article (in the preview, and the
// editor follows through the scroll sync), the preview follows an edit, and a double-click
// brings the source line. The webview is looked into through the handle the command returns,
// which asks the page's own script (client/src/previewScript.ts) to answer and to click.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreviewHandle as Handle } from '../../client/src/preview';
import { activateExtension, lineStartingWith, openConvention, waitFor } from './helpers';

const screenshots = !!process.env.TREATYMARK_VSCODE_SCREENSHOTS;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rejects if `p` takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms))]);
}

describe('preview: the convention as printed', () => {
  let handle: Handle;
  let doc: vscode.TextDocument;

  before(async () => {
    await activateExtension();
    doc = await openConvention();
    // The first request may come before the language server runs.
    await waitFor(
      async () => {
        handle = (await vscode.commands.executeCommand<Handle | undefined>('treatymark.openPreviewToSide'))!;
        return !!handle;
      },
      60_000,
      'the preview',
    );
  });

  after(async () => {
    handle?.panel.dispose();
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('opens beside the treaty and shows article 17 with its heading and text', async () => {
    const first = await within(handle.rendered(), 30_000, 'the first rendering');
    assert.ok(first.units > 500, `${first.units} elements with an id`);
    assert.match(first.article17 ?? '', /Article 17\s*Laundering of proceeds of crime/);
    const text = await within(handle.query('#art_17__para_1'), 10_000, 'article 17, paragraph 1');
    assert.match((text.text ?? '').trim(), /^1\.\s*Each State Party shall adopt, in accordance with fundamental principles of its domestic law/);
    assert.equal(handle.panel.viewColumn, vscode.ViewColumn.Two);
    if (screenshots) {
      // For the README: article 17 beside its source, reached by a link.
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await handle.click('#art_2__point_m a.tm-ref[href="#art_17"]');
      await sleep(1500);
      console.log('[treatymark-screenshot] preview');
      await sleep(1500);
    }
  });

  it('follows a reference link to its article, and the editor follows the preview', async () => {
    // Article 2 (m) cites "article 17 of this Convention".
    const ref = await handle.query('#art_2__point_m a.tm-ref[href="#art_17"]');
    assert.match(ref.text ?? '', /article 17/);
    const went = await within(handle.click('#art_2__point_m a.tm-ref[href="#art_17"]'), 10_000, 'the link');
    assert.equal(went.id, 'art_17');
    assert.ok(Math.abs(went.top ?? 999) < 40, `article 17 at the top of the preview (${went.top} px)`);
    const line = lineStartingWith(doc, '## Article 17.');
    await waitFor(() => handle.lastRevealed() !== undefined && Math.abs(handle.lastRevealed()! - line) <= 2, 10_000, `the preview asking the editor for line ${line}`);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)!;
    await waitFor(() => Math.abs(editor.visibleRanges[0].start.line - line) <= 2, 10_000, `the editor showing line ${line}`);
  });

  it('follows the text as it is typed', async () => {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)!;
    const line = lineStartingWith(doc, '## Article 17.');
    const at = new vscode.Position(line, doc.lineAt(line).text.length);
    assert.ok(await editor.edit((b) => b.insert(at, ' (as amended)')));
    const shown = await within(handle.rendered(doc.version), 20_000, `the rendering of version ${doc.version}`);
    assert.match(shown.article17 ?? '', /Laundering of proceeds of crime \(as amended\)/);
    await vscode.commands.executeCommand('undo');
    const back = await within(handle.rendered(doc.version), 20_000, 'the rendering after undo');
    assert.doesNotMatch(back.article17 ?? '', /as amended/);
  });

  it('scrolls with the editor, and a double-click in the preview goes to the source line', async () => {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)!;
    const line = lineStartingWith(doc, '## Article 40.');
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
    await waitFor(() => Math.abs(editor.visibleRanges[0].start.line - line) <= 3, 10_000, `the editor at line ${line}`);
    // The preview shows at its top the line the editor shows at its top.
    let top = -1;
    await waitFor(async () => Math.abs((top = await handle.topLine()) - editor.visibleRanges[0].start.line) <= 1.5, 10_000, `the preview at line ${editor.visibleRanges[0].start.line} (it is at ${top})`);
    const target = lineStartingWith(doc, '3. Such assistance shall include', lineStartingWith(doc, '## Article 41.'));
    handle.dblclick('#art_41__para_3 > .tm-body > p');
    await waitFor(() => vscode.window.activeTextEditor?.document === doc && vscode.window.activeTextEditor.selection.active.line === target, 10_000, `the cursor on line ${target}`);
  });
});
