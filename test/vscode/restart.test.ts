// A language server that dies must come back by itself: the drafter keeps hovers, outline
// and checks without reloading the window. The test kills the real server process (the
// extension host's child running dist/server.js) as a crash would, and waits for a new one.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { activateExtension, lineStartingWith, openConvention, positionOf, waitFor } from './helpers';

/** Pids of the language servers this extension host started. */
function serverPids(): number[] {
  // `ps` rather than /proc, so the suite also runs on a macOS desktop.
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n');
  return rows
    .map((row) => row.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => !!m && Number(m[2]) === process.pid && /dist[\\/]server\.js/.test(m[3]))
    .map((m) => Number(m[1]));
}

async function hoverText(doc: vscode.TextDocument, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('restart: the language server comes back after a crash', () => {
  it('restarts a killed server, and hover works again', async () => {
    const doc = await openConvention();
    await activateExtension();
    const at = positionOf(doc, 'service provider', lineStartingWith(doc, '## Article 27.'));
    await waitFor(async () => (await hoverText(doc, at)).includes('any public or private entity'), 30_000, 'a hover from the first server');
    const before = serverPids();
    assert.equal(before.length, 1, `expected one language server, found ${before.length}`);

    process.kill(before[0], 'SIGKILL');
    await waitFor(() => serverPids().some((pid) => !before.includes(pid)), 30_000, 'a new language server process');
    assert.ok(!serverPids().includes(before[0]), 'the killed server is gone');
    // The new server has the open documents again: its hover names the definition.
    await waitFor(async () => (await hoverText(doc, at)).includes('any public or private entity'), 30_000, 'a hover from the restarted server');
  });
});
