// Code actions and commands for renumbering: a quick fix on every numbering finding
// (the whole document, and that level alone), the source action and the
// `treatymark.renumber` command. Each applies as one WorkspaceEdit, so one undo restores all.
import { CodeActionKind, type CodeAction, type Connection, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { RenumberScope } from '../edits/renumber';
import { renumberEdits, unitById, type RenumberResult } from '../features/renumber';
import type { View } from '../features/bundle';
import type { Feature, ServerContext } from './context';

// The client's "Treatymark: Renumber document" (treatymark.renumber) calls this with the active document.
const RENUMBER_COMMAND = 'treatymark.server.renumber';
const RENUMBER_KIND = `${CodeActionKind.Source}.renumber.treatymark`;

const LEVEL_PLURAL: Record<string, string> = {
  paragraph: 'paragraphs',
  subparagraph: 'subparagraphs',
  subsubparagraph: 'subparagraphs',
  note: 'notes',
  recital: 'preambular paragraphs',
};

/** Other code actions (negotiating text) join the same handler through this list. */
export const extraCodeActions: ((ctx: ServerContext, params: import('vscode-languageserver/node').CodeActionParams) => CodeAction[])[] = [];

export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: () => ({
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, RENUMBER_KIND] },
    executeCommandProvider: { commands: [RENUMBER_COMMAND] },
  }),
  register(ctx) {
    ctx.connection.onCodeAction((p) =>
      ctx.guardAsync('codeAction', [] as CodeAction[], async () => {
        // Renumbering rewrites the files that cite this one: they must be known first.
        await ctx.workspace.whenScanned(3000);
        const actions: CodeAction[] = [];
        const view = ctx.workspace.currentView(p.textDocument.uri);
        if (view) actions.push(...renumberActions(ctx, view, p));
        for (const extra of extraCodeActions) actions.push(...ctx.guard('codeAction.extra', [] as CodeAction[], () => extra(ctx, p)));
        return actions;
      }),
    );
    ctx.connection.onExecuteCommand((p) =>
      ctx.guardAsync('executeCommand', null as unknown, async () => {
        const handler = commandHandlers.get(p.command);
        return handler ? handler(ctx, p.arguments ?? []) : null;
      }),
    );
    commandHandlers.set(RENUMBER_COMMAND, async (c, args) => {
      const uri = typeof args[0] === 'string' ? args[0] : undefined;
      await c.workspace.whenScanned(3000);
      const view = uri ? c.workspace.currentView(uri) : undefined;
      if (!uri || !view) return { applied: false, message: 'Open a .treaty file to renumber it.' };
      const result = renumberEdits(view, c.workspace.project);
      if (result.count === 0) return { applied: false, message: 'Numbering is already in sequence: nothing to renumber.' };
      // The client asks the drafter and calls again with { force: true }.
      const force = (args[1] as { force?: boolean } | undefined)?.force === true;
      if (result.warning && !force) return { applied: false, needsConfirmation: true, message: `${result.title}? ${result.warning}: fix or delete them first, or renumber anyway.` };
      const applied = await c.connection.workspace.applyEdit({ label: result.title, edit: toWorkspaceEdit(c, result) });
      return { applied: applied.applied, message: applied.applied ? `${result.title}.` : `Renumbering was not applied${applied.failureReason ? `: ${applied.failureReason}` : '.'}` };
    });
  },
};

/** Handlers of `workspace/executeCommand`, by command; features add theirs. */
export const commandHandlers = new Map<string, (ctx: ServerContext, args: unknown[]) => Promise<unknown>>();

function renumberActions(ctx: ServerContext, view: View, p: import('vscode-languageserver/node').CodeActionParams): CodeAction[] {
  const only = p.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const numbering = p.context.diagnostics.filter((d) => typeof d.code === 'string' && d.code.startsWith('numbering.'));
  const whole = () => renumberEdits(view, ctx.workspace.project);
  if (numbering.length > 0 && wants(CodeActionKind.QuickFix)) {
    const all = whole();
    // Never the preferred fix when it would give dangling references a meaning.
    if (all.count > 0) actions.push({ title: withWarning(all), kind: CodeActionKind.QuickFix, diagnostics: numbering, isPreferred: !all.warning, edit: toWorkspaceEdit(ctx, all) });
    // The level alone: "Renumber the paragraphs of article 5".
    const seen = new Set<string>();
    for (const d of numbering) {
      const data = (d.data ?? {}) as { level?: string; unit?: string };
      const unit = unitById(view.bundle, data.unit);
      if (!unit || !unit.parent || !data.level || !(data.level in LEVEL_PLURAL)) continue;
      const key = `${data.level}:${unit.parent.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const scope: RenumberScope = { level: unit.kind, holder: unit.parent };
      const only = renumberEdits(view, ctx.workspace.project, scope);
      if (only.count === 0 || only.count === all.count) continue;
      actions.push({ title: withWarning(only, ` (${LEVEL_PLURAL[data.level]} of this ${holderWord(unit.parent.kind)} only)`), kind: CodeActionKind.QuickFix, diagnostics: [d], edit: toWorkspaceEdit(ctx, only) });
    }
  }
  if (wants(RENUMBER_KIND) && (only || numbering.length === 0)) {
    const all = whole();
    if (all.count > 0) actions.push({ title: withWarning(all), kind: RENUMBER_KIND, edit: toWorkspaceEdit(ctx, all) });
  }
  return actions;
}

/** "Renumber articles 17–67 and update 40 references — careful: 5 dangling references to article 17 would then cite …". */
function withWarning(result: RenumberResult, suffix = ''): string {
  return result.warning ? `${result.title}${suffix} — careful: ${result.warning}` : `${result.title}${suffix}`;
}

function holderWord(kind: string): string {
  return kind === 'paragraph' ? 'paragraph' : kind === 'subparagraph' ? 'subparagraph' : kind === 'noteGroup' || kind === 'notes' ? 'section' : kind === 'preamble' ? 'preamble' : 'article';
}

/** One WorkspaceEdit for all files; versioned when the client supports it, so a stale edit is refused, not misapplied. */
export function toWorkspaceEdit(ctx: ServerContext, result: RenumberResult | { files: RenumberResult['files'] }): WorkspaceEdit {
  if (ctx.client.workspace?.workspaceEdit?.documentChanges) {
    const documentChanges: TextDocumentEdit[] = result.files.map((f) => ({
      textDocument: { uri: f.uri, version: ctx.workspace.documents.get(f.uri)?.version ?? null },
      edits: f.edits as TextEdit[],
    }));
    return { documentChanges };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const f of result.files) changes[f.uri] = f.edits;
  return { changes };
}

export type { Connection };
