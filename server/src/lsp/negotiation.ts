// Negotiating text over the protocol (the logic is in features/negotiation.ts):
//   code actions   "Keep «…» here", "Keep «…» in all N identical sets", "Agree text (remove
//                  brackets)", accept/reject the change under the cursor or in the selection,
//                  "Remove comment A1 (keep the text)" — `negotiationCodeActions`, listed
//                  with the commands in capabilities.ts;
//   commands       treatymark.server.acceptAllChanges / rejectAllChanges  args: [uri, range?]
//                  → one workspace/applyEdit; result { applied, count, message }
//                  treatymark.server.cleanCopy  args: [uri, { dropBrackets? }]
//                  → { text, changes, comments } or { error }
//   request        treatymark/comments  params: { textDocument: { uri } } → CommentEntry[]
// Server commands carry `.server.`: the client registers the VS Code commands
// (treatymark.acceptAllChanges, …), and vscode-languageclient would register these too.
import { type CodeAction, type CodeActionParams, type Range } from 'vscode-languageserver';
import type { View } from '../workspace/bundle';
import { cleanCopyOf, commentList, decideChanges, negotiationActions, NEGOTIATION_ACTION_KIND, type CleanCopyResult, type CommentEntry } from '../features/negotiation';
import type { Span } from '../model/types';
import type { Feature, ServerContext } from './context';
import { safePosition, toWorkspaceEdit } from './convert';

export const ACCEPT_ALL_COMMAND = 'treatymark.server.acceptAllChanges';
export const REJECT_ALL_COMMAND = 'treatymark.server.rejectAllChanges';
export const CLEAN_COPY_COMMAND = 'treatymark.server.cleanCopy';
export const COMMENTS_REQUEST = 'treatymark/comments';

interface DecideCommandResult {
  applied: boolean;
  /** Changes accepted or rejected (0 when none was found or the edit was refused). */
  count: number;
  message: string;
}

/** Code actions on negotiating text, for the code action table in capabilities.ts. */
export function negotiationCodeActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const only = params.context?.only;
  if (only && !only.some((k) => NEGOTIATION_ACTION_KIND === k || NEGOTIATION_ACTION_KIND.startsWith(`${k}.`))) return [];
  const uri = params.textDocument?.uri;
  if (typeof uri !== 'string') return [];
  const view = ctx.workspace.currentView(uri);
  const key = ctx.workspace.key(uri);
  const span = view && spanOf(view, key, params.range);
  if (!view || !span) return [];
  return negotiationActions(view, key, span).map((a) => ({
    title: a.title,
    kind: a.kind,
    edit: toWorkspaceEdit(ctx, { files: a.edit }),
    ...(a.isPreferred ? { isPreferred: true } : {}),
  }));
}

export async function decideCommand(ctx: ServerContext, args: unknown[], decision: 'accept' | 'reject'): Promise<DecideCommandResult> {
  const uri = typeof args[0] === 'string' ? args[0] : undefined;
  const view = uri ? ctx.workspace.currentView(uri) : undefined;
  const verb = decision === 'accept' ? 'accept' : 'reject';
  if (!uri || !view) return { applied: false, count: 0, message: `Open a .treaty file to ${verb} its changes.` };
  const key = ctx.workspace.key(uri);
  let span: Span | undefined;
  if (args[1] !== undefined && args[1] !== null) {
    span = spanOf(view, key, args[1] as Range);
    if (!span) return { applied: false, count: 0, message: 'The selection is not in this document.' };
  }
  const result = decideChanges(view, key, decision, span);
  if (result.count === 0) return { applied: false, count: 0, message: span ? 'No tracked change in the selection.' : 'No tracked change in this document.' };
  const applied = await ctx.connection.workspace.applyEdit({ label: result.title, edit: toWorkspaceEdit(ctx, { files: result.files }) });
  const done = `${decision === 'accept' ? 'Accepted' : 'Rejected'} ${result.count} ${result.count === 1 ? 'change' : 'changes'}${span ? ' in the selection' : ''}.`;
  return applied.applied
    ? { applied: true, count: result.count, message: done }
    : { applied: false, count: 0, message: `The changes were not ${verb}ed${applied.failureReason ? `: ${applied.failureReason}` : '.'}` };
}

export async function cleanCommand(ctx: ServerContext, args: unknown[]): Promise<CleanCopyResult> {
  const uri = typeof args[0] === 'string' ? args[0] : undefined;
  const view = uri ? ctx.workspace.currentView(uri) : undefined;
  if (!uri || !view) return { error: 'Open a .treaty file to make a clean copy of it.' };
  const options = (args[1] && typeof args[1] === 'object' ? args[1] : {}) as { dropBrackets?: unknown };
  return cleanCopyOf(view, ctx.workspace.key(uri), { dropBrackets: options.dropBrackets === true });
}

/** A range of the current document → offsets of the bundle's text. */
function spanOf(view: View, key: string, range: Range | undefined): Span | undefined {
  if (!range || typeof range !== 'object') return undefined;
  const start = view.offsetAt(key, safePosition(range.start));
  const end = view.offsetAt(key, safePosition(range.end));
  if (start === undefined || end === undefined) return undefined;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

/** The comments request; the code actions and commands are in capabilities.ts's tables. */
export const negotiationFeature: Feature = {
  name: 'negotiation',
  register(ctx) {
    ctx.connection.onRequest(COMMENTS_REQUEST, (params: { textDocument?: { uri?: string } }) =>
      ctx.guard<CommentEntry[]>('comments', [], () => {
        const uri = params?.textDocument?.uri;
        if (typeof uri !== 'string') return [];
        const view = ctx.workspace.view(uri);
        return view ? commentList(view, ctx.workspace.key(uri)) : [];
      }),
    );
  },
};
