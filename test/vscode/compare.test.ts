// "Treatymark: Compare with…" in the editor, on the two examples (the drafts given as
// arguments, as a drafter's picks would give them): the comparison opens as a treaty with
// tracked changes whose accepted changes are the convention, the correspondence table opens
// beside it, a heading of the comparison tells its former number, and an article's link opens
// VS Code's diff editor on that article in both drafts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, findConvention, waitFor } from './helpers';

interface Answer {
  json: { articles: { old: string | null; new: string | null; status: string; moved: boolean }[]; summary: { matched: number; renumbered: number } };
}
interface Result {
  session: string;
  document: vscode.TextDocument;
  panel: vscode.WebviewPanel;
  answer: Answer;
}

async function findZeroDraft(): Promise<vscode.Uri> {
  const convention = await findConvention();
  return vscode.Uri.joinPath(convention, '..', 'zero-draft.treaty');
}

const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

describe('compare two drafts: zero draft → convention', () => {
  let result: Result;
  let convention: string;

  before(async () => {
    await activateExtension();
    const zero = await findZeroDraft();
    const conventionUri = await findConvention();
    convention = new TextDecoder().decode(await vscode.workspace.fs.readFile(conventionUri));
    // The first request may come before the language server runs.
    await waitFor(
      async () => {
        result = (await vscode.commands.executeCommand<Result | undefined>('treatymark.compareWith', { old: zero, new: conventionUri }))!;
        return !!result;
      },
      60_000,
      'the comparison',
    );
  });

  after(async () => {
    // The comparison is an untitled document with text: revert it first, or closing asks to save it.
    if (result?.document && !result.document.isClosed) {
      await vscode.window.showTextDocument(result.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    for (const tab of tabs()) {
      const input = tab.input;
      const ours = (input instanceof vscode.TabInputTextDiff && input.original.scheme === 'treatymark-compare') || (input instanceof vscode.TabInputWebview && tab.label.startsWith('Compare: '));
      if (ours) await vscode.window.tabGroups.close(tab, true).then(undefined, () => undefined);
    }
  });

  it('opens the correspondence table beside the comparison', async () => {
    const label = 'Compare: zero-draft.treaty → convention.treaty';
    // The editor adds the webview's tab a moment after the panel is made.
    await waitFor(() => tabs().some((t) => t.input instanceof vscode.TabInputWebview && t.label === label), 10_000, 'the table').catch((e) =>
      assert.fail(`${(e as Error).message}; tabs: ${tabs().map((t) => `${t.label} (${t.input?.constructor.name})`).join(', ')}`),
    );
    assert.ok(result.panel.visible, 'the table is not visible');
    const html = result.panel.webview.html;
    assert.match(html, /<table class="correspondence">/);
    // Zero-draft article 17 is the convention's article 4, moved to chapter I; article 62 is new.
    assert.match(html, /title="Open article 17 of zero-draft\.treaty">17<\/a><\/td><td class="num"><a [^>]*>4<\/a>/);
    assert.match(html, /<td class="num">—<\/td><td class="num"><a [^>]*>62<\/a>/);
    assert.equal(result.answer.json.summary.renumbered, 20);
  });

  it('opens the convention with the differences as tracked changes, which accepted give the convention', async () => {
    const doc = result.document;
    assert.equal(doc.languageId, 'treaty');
    assert.equal(doc.uri.scheme, 'untitled');
    const text = doc.getText();
    assert.ok(text.includes('{++\n\n## Article 4. Offences established'), 'the moved article, inserted at its new place');
    assert.ok(text.includes('{--\n\n## Article 17. Offences relating'), 'and deleted at its old place');
    assert.ok(text.includes('{++\n\n## Article 62. Adoption of supplementary protocols'), 'the new article');
    assert.ok(text.includes('## Article {~~4~>5~~}. Protection of sovereignty'), 'a renumbered article');
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('treatymark.acceptAllChanges');
    await waitFor(() => doc.getText() === convention, 30_000, 'every change to be accepted');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === text, 10_000, 'the undo');
  });

  it('says on a heading of the comparison what number the article had', async () => {
    const doc = result.document;
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('## Article 4. Offences established'));
    const hoverAt = async (l: number) => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(l, 4))) ?? [];
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    let hover = '';
    await waitFor(
      async () => {
        hover = await hoverAt(line);
        return hover.includes('article 17');
      },
      20_000,
      'the hover on the heading',
    ).catch((e) => assert.fail(`${(e as Error).message}; hover: ${hover || '(none)'}`));
    assert.match(hover, /\*\*Article 4\*\* was \*\*article 17\*\* in zero-draft\.treaty \(changed, moved from Chapter II to Chapter I\)/);
    // Its old place, inside the deletion, says where it went; a renumbered heading, what it was.
    const oldPlace = doc.getText().split('\n').findIndex((l) => l.startsWith('## Article 17. Offences relating'));
    assert.match(await hoverAt(oldPlace), /\*\*Article 17\*\* of zero-draft\.treaty moved: it is now article 4 in convention\.treaty/);
    const renumbered = doc.getText().split('\n').findIndex((l) => l.startsWith('## Article {~~4~>5~~}.'));
    assert.match(await hoverAt(renumbered), /\*\*Article 5\*\* was \*\*article 4\*\* in zero-draft\.treaty \(unchanged\)/);
  });

  it("opens VS Code's diff editor on an article in both drafts", async () => {
    const index = result.answer.json.articles.findIndex((a) => a.old === '17' && a.new === '4');
    await vscode.commands.executeCommand('treatymark.compare.diffArticle', result.session, index);
    let diff: vscode.TabInputTextDiff | undefined;
    await waitFor(
      () => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        diff = input instanceof vscode.TabInputTextDiff ? input : undefined;
        return !!diff && diff.original.scheme === 'treatymark-compare';
      },
      15_000,
      'the diff editor',
    );
    const before = await vscode.workspace.openTextDocument(diff!.original);
    const after = await vscode.workspace.openTextDocument(diff!.modified);
    assert.match(before.getText(), /^## Article 17\. Offences relating to other international treaties\n/);
    assert.match(after.getText(), /^## Article 4\. Offences established in accordance with other United Nations conventions and protocols\n/);
  });
});
