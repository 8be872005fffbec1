// "Treatymark: Compare with…": compares the active treaty with another draft — a file, or a
// git revision of the same file — and shows the new text with the differences as tracked
// changes (an untitled treaty, so accepting and rejecting them works as on any draft), the
// correspondence table beside it (a webview: no script, only command links to both texts and
// to VS Code's diff editor on each article), and, on an article heading of the comparison, a
// hover with its former number. The language server compares (treatymark/compare); this
// file picks the drafts and shows the answer.
import * as vscode from 'vscode';
import { fileName, nonceOf } from './webview';
import { State, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { CompareAnswer, CompareParams } from '../../server/src/lsp/compare';

const COMPARE_REQUEST = 'treatymark/compare';
const SCHEME = 'treatymark-compare';
const REVEAL = 'treatymark.compare.reveal';
const DIFF = 'treatymark.compare.diffArticle';
/** Comparisons kept for their links and hovers; older ones are forgotten. */
const KEEP = 10;

interface Draft {
  /** Where it can be opened: the file, or a virtual document holding a git revision. */
  uri: vscode.Uri;
  text: string;
  name: string;
}

interface Session {
  id: string;
  old: Draft;
  new: Draft;
  answer: CompareAnswer;
  document?: vscode.TextDocument;
}

/** Programmatic arguments (tests, other extensions): both drafts, and no picker. */
export interface CompareArgs {
  old?: vscode.Uri | string;
  new?: vscode.Uri | string;
}

export interface CompareResult {
  session: string;
  /** The untitled treaty holding the new text with the differences as tracked changes. */
  document: vscode.TextDocument;
  panel: vscode.WebviewPanel;
  answer: CompareAnswer;
}

// The parts of the built-in git extension's API (extensions/git/src/api/git.d.ts) used here.
interface GitCommit {
  hash: string;
  message: string;
  authorDate?: Date;
}
interface GitRepository {
  rootUri: vscode.Uri;
  log(options?: { maxEntries?: number; path?: string }): Promise<GitCommit[]>;
  show(ref: string, path: string): Promise<string>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export function registerCompare(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const sessions = new Map<string, Session>();
  const virtual = new Map<string, string>();
  let counter = 0;

  const remember = (session: Session) => {
    sessions.set(session.id, session);
    while (sessions.size > KEEP) {
      const oldest = sessions.keys().next().value as string;
      sessions.delete(oldest);
      for (const key of [...virtual.keys()]) if (key.startsWith(`/${oldest}/`)) virtual.delete(key);
    }
  };
  const virtualUri = (session: string, part: string, name: string, text: string) => {
    const p = `/${session}/${part}/${name}`;
    virtual.set(p, text);
    return vscode.Uri.from({ scheme: SCHEME, path: p });
  };

  const compareWith = async (first?: CompareArgs | vscode.Uri): Promise<CompareResult | undefined> => {
    const args: CompareArgs = first instanceof vscode.Uri ? { new: first } : first ?? {};
    const client = getClient();
    if (!client || client.state !== State.Running) {
      void vscode.window.showWarningMessage('Treatymark: the language server is not running.');
      return undefined;
    }
    const id = `c${++counter}`;
    const neu = await newDraft(args.new);
    if (!neu) {
      void vscode.window.showInformationMessage('Treatymark: open a .treaty file to compare it with another draft.');
      return undefined;
    }
    const old = args.old !== undefined ? await fileDraft(args.old) : await pickOld(neu, (name, text) => virtualUri(id, 'old', name, text));
    if (!old) return undefined;
    const nonce = nonceOf();
    const params: CompareParams = {
      old: { text: old.text, name: old.name },
      new: { text: neu.text, name: neu.name },
      html: { policy: `default-src 'none'; style-src 'nonce-${nonce}';`, nonce, commands: { reveal: REVEAL, diff: DIFF, session: id } },
    };
    const answer = await client.sendRequest<CompareAnswer | null>(COMPARE_REQUEST, params);
    if (!answer) {
      void vscode.window.showErrorMessage('Treatymark: the comparison failed; see Treatymark: Show Output.');
      return undefined;
    }
    const session: Session = { id, old, new: neu, answer };
    remember(session);

    // The comparison as a treaty with tracked changes, named after the two drafts.
    const base = (name: string) => name.replace(/\.treaty$/i, '');
    // On the web an untitled name is a path in the workspace's file system: it must be absolute there.
    const name = `${base(old.name)} → ${base(neu.name)}.treaty`;
    const untitled = vscode.Uri.from({ scheme: 'untitled', path: vscode.env.uiKind === vscode.UIKind.Web ? `/${name}` : name });
    const document = await vscode.workspace.openTextDocument(untitled);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(untitled, new vscode.Range(0, 0, document.lineCount, 0), answer.criticmarkup);
    await vscode.workspace.applyEdit(edit);
    if (document.languageId !== 'treaty') await vscode.languages.setTextDocumentLanguage(document, 'treaty');
    session.document = document;
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Active, preview: false });

    const panel = vscode.window.createWebviewPanel('treatymark.compare', `Compare: ${old.name} → ${neu.name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableCommandUris: [REVEAL, DIFF],
      localResourceRoots: [],
    });
    panel.webview.html = answer.html;
    const s = answer.json.summary;
    void vscode.window.showInformationMessage(`Treatymark: ${s.matched} articles matched (${s.changed} changed, ${s.renumbered} renumbered, ${s.moved} moved), ${s.added} added, ${s.deleted} deleted.`);
    return { session: id, document, panel, answer };
  };

  const reveal = async (id: string, side: 'old' | 'new', line: number) => {
    const session = sessions.get(id);
    if (!session) return;
    const document = await vscode.workspace.openTextDocument(session[side].uri);
    const at = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at), preview: true });
  };

  const diffArticle = async (id: string, index: number) => {
    const session = sessions.get(id);
    const row = session?.answer.json.articles[index];
    const spans = session?.answer.spans[index];
    if (!session || !row || !spans) return;
    const part = (side: 'old' | 'new') => {
      const span = spans[side];
      const text = span ? session[side].text.slice(span.start, span.end) : '';
      return virtualUri(id, `${side}-article-${index}`, session[side].name, text);
    };
    const title = `Article ${row.old ?? '—'} (${session.old.name}) ↔ ${row.new ?? '—'} (${session.new.name})`;
    await vscode.commands.executeCommand('vscode.diff', part('old'), part('new'), title, { viewColumn: vscode.ViewColumn.One, preview: true });
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => virtual.get(uri.path) ?? '' }),
    vscode.commands.registerCommand('treatymark.compareWith', compareWith),
    vscode.commands.registerCommand(REVEAL, reveal),
    vscode.commands.registerCommand(DIFF, diffArticle),
    vscode.languages.registerHoverProvider({ language: 'treaty' }, {
      provideHover(document, position) {
        const session = [...sessions.values()].find((s) => s.document === document);
        if (!session) return undefined;
        const text = formerNumber(session, document.lineAt(position.line).text, markOpenAt(document.getText(), document.offsetAt(new vscode.Position(position.line, 0))));
        return text ? new vscode.Hover(new vscode.MarkdownString(text)) : undefined;
      },
    }),
  );
}

/** The new draft: the given file, or the active treaty as it stands in the editor (unsaved edits included). */
async function newDraft(given: vscode.Uri | string | undefined): Promise<Draft | undefined> {
  if (given !== undefined) return fileDraft(given);
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'treaty') return undefined;
  return { uri: document.uri, text: document.getText(), name: fileName(document.uri) };
}

async function fileDraft(given: vscode.Uri | string): Promise<Draft | undefined> {
  const uri = typeof given === 'string' ? vscode.Uri.file(given) : given;
  // An open document is read as it stands in the editor.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  try {
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return { uri, text, name: fileName(uri) };
  } catch (e) {
    void vscode.window.showErrorMessage(`Treatymark: cannot read ${uri.fsPath}: ${(e as Error).message}`);
    return undefined;
  }
}

/** Asks for the old draft: a file, or a commit of the same file when it is in a git repository. */
async function pickOld(neu: Draft, store: (name: string, text: string) => vscode.Uri): Promise<Draft | undefined> {
  const revisions = await gitRevisions(neu.uri);
  type Item = vscode.QuickPickItem & { commit?: GitCommit };
  let choice: Item | undefined;
  if (revisions && revisions.commits.length > 0) {
    const items: Item[] = [
      { label: '$(file) A file…', description: 'another draft on disk' },
      { label: 'Git revisions of this file', kind: vscode.QuickPickItemKind.Separator },
      ...revisions.commits.map((commit) => ({
        label: `$(git-commit) ${commit.hash.slice(0, 7)}`,
        description: commit.message.split('\n')[0],
        detail: commit.authorDate ? new Date(commit.authorDate).toLocaleString() : undefined,
        commit,
      })),
    ];
    choice = await vscode.window.showQuickPick(items, { title: `Compare ${neu.name} with…`, placeHolder: 'A file, or a git revision of this file' });
    if (!choice) return undefined;
  }
  if (choice?.commit && revisions) {
    try {
      const text = await revisions.repository.show(choice.commit.hash, neu.uri.fsPath);
      const name = `${neu.name}@${choice.commit.hash.slice(0, 7)}`;
      return { uri: store(name, text), text, name };
    } catch (e) {
      void vscode.window.showErrorMessage(`Treatymark: cannot read ${neu.name} at ${choice.commit.hash.slice(0, 7)}: ${(e as Error).message}`);
      return undefined;
    }
  }
  const picked = await vscode.window.showOpenDialog({
    title: `Compare ${neu.name} with…`,
    openLabel: 'Compare',
    canSelectMany: false,
    defaultUri: neu.uri.scheme === 'file' ? vscode.Uri.joinPath(neu.uri, '..') : undefined,
    filters: { Treaties: ['treaty'], 'All files': ['*'] },
  });
  return picked?.[0] ? fileDraft(picked[0]) : undefined;
}

/** The recent commits of a file, through the built-in git extension; none without it (disabled, absent, or not a repository). */
async function gitRevisions(uri: vscode.Uri): Promise<{ repository: GitRepository; commits: GitCommit[] } | undefined> {
  if (uri.scheme !== 'file') return undefined;
  try {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return undefined;
    const git = extension.isActive ? extension.exports : await extension.activate();
    if (!git?.enabled) return undefined;
    const repository = git.getAPI(1).getRepository(uri);
    if (!repository) return undefined;
    return { repository, commits: await repository.log({ maxEntries: 30, path: uri.fsPath }) };
  } catch {
    return undefined;
  }
}

/** Which side of a change a line starts in: inside a deletion it is old text only, inside an insertion new. */
function markOpenAt(text: string, offset: number): 'old' | 'new' | undefined {
  const closers: Record<string, string> = { '--': '--}', '++': '++}', '~~': '~~}', '>>': '<<}' };
  for (let i = text.indexOf('{'); i >= 0 && i < offset; i = text.indexOf('{', i + 1)) {
    const opener = text.substr(i + 1, 2);
    const closer = closers[opener];
    if (!closer) continue;
    const end = text.indexOf(closer, i + 3);
    if (end >= 0 && end + 3 <= offset) {
      i = end + 2;
      continue;
    }
    if (opener === '>>') return undefined;
    // Inside this change: a substitution is old text before `~>`, new after.
    const sep = opener === '~~' ? text.indexOf('~>', i + 3) : -1;
    return opener === '--' || (opener === '~~' && (sep < 0 || sep >= offset)) ? 'old' : 'new';
  }
  return undefined;
}

/**
 * The hover on an article heading of a comparison: the number the article had. The heading is
 * read back from the line as it stands (after any accept or reject), marks resolved each way;
 * a heading inside a deletion is the old draft's, inside an insertion the new draft's.
 */
function formerNumber(session: Session, line: string, inside: 'old' | 'new' | undefined): string | undefined {
  const resolve = (decision: 'accept' | 'reject') => {
    const resolved = line
      .replace(/\{~~([\s\S]*?)~>([\s\S]*?)~~\}/g, (_, a: string, b: string) => (decision === 'accept' ? b : a))
      .replace(/\{\+\+([\s\S]*?)\+\+\}/g, (_, a: string) => (decision === 'accept' ? a : ''))
      .replace(/\{--([\s\S]*?)--\}/g, (_, a: string) => (decision === 'accept' ? '' : a));
    // A whole article inserted or deleted opens its mark on the heading and closes it lines below.
    if (resolved.startsWith('{++')) return decision === 'accept' ? resolved.slice(3) : '';
    if (resolved.startsWith('{--')) return decision === 'accept' ? '' : resolved.slice(3);
    return resolved;
  };
  const numberIn = (s: string) => /^\s*#{1,6}\s*Article\s+([^.:—–\s-]+(?:\s+[a-z]+)?)\s*[.:—–-]/i.exec(s)?.[1];
  const rows = session.answer.json.articles;
  const { old, new: neu } = session;
  const now = inside === 'old' ? undefined : numberIn(resolve('accept'));
  const row = now !== undefined ? rows.find((r) => r.new === now) : undefined;
  if (row) {
    if (!row.old) return `**Article ${row.new}** is new: ${neu.name} added it; ${old.name} has no article like it.`;
    const moved = row.moved ? `, moved${row.place.old && row.place.old !== row.place.new ? ` from ${row.place.old} to ${row.place.new}` : ''}` : '';
    const was = row.old === row.new ? `is article ${row.old} in ${old.name} too` : `was **article ${row.old}** in ${old.name}`;
    return `**Article ${row.new}** ${was} (${row.status}${moved}).`;
  }
  const before = inside === 'new' ? undefined : numberIn(resolve('reject'));
  const gone = before !== undefined ? rows.find((r) => r.old === before) : undefined;
  if (!gone) return undefined;
  return gone.new ? `**Article ${gone.old}** of ${old.name} moved: it is now article ${gone.new} in ${neu.name}.` : `**Article ${gone.old}** of ${old.name} is deleted in ${neu.name}.`;
}


