// Test entry loaded by the VS Code extension host (extensionTestsPath): runs every
// bundled *.test.js beside it with mocha and rejects if any test failed.
// One entry serves both launchers (scripts/vscode-test/run-electron.mjs and
// run-code-server.mjs), so the suite sees exactly what a drafter's editor sees.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { findConvention } from './helpers';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false, // the report goes through the extension host's console, not a TTY
    timeout: 60_000, // the first request waits for the language server to start
    reporter: 'spec',
  });
  // Optional filter, e.g. TREATYMARK_VSCODE_GREP=smoke, handy while features are unbuilt.
  const grep = process.env.TREATYMARK_VSCODE_GREP;
  if (grep) mocha.grep(grep);

  // Smoke first: when activation is broken its failures are the ones to read.
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => Number(b === 'smoke.test.js') - Number(a === 'smoke.test.js') || a.localeCompare(b));
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const { failures, stats } = await new Promise<{ failures: number; stats?: Mocha.Stats }>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => resolve({ failures, stats: runner.stats }));
    } catch (err) {
      reject(err);
    }
  });
  // A closing line in the plain "N passed, N failed" form that CI logs are read for.
  if (stats) console.log(`vscode: ${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''}`);
  await leaveConventionOnScreen();
  if (failures > 0) throw new Error(`${failures} in-editor test(s) failed.`);
}

// The code-server launcher screenshots the editor once run() settles; leave the
// convention in front, unmodified, with nothing over it.
async function leaveConventionOnScreen(): Promise<void> {
  try {
    const uri = await findConvention();
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    if (doc.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    const at = doc.getText().split('\n').findIndex((l) => l.startsWith('## Article 2.'));
    if (at >= 0) {
      const pos = new vscode.Position(at, 0);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    }
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  } catch (err) {
    console.warn('Could not leave the convention open for the screenshot:', err);
  }
}
