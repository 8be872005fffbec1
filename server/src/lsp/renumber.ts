// Renumbering over the protocol (the logic is in features/renumber.ts): a quick fix on every
// numbering finding (the whole document, and that level alone), the source action and the
// `treatymark.server.renumber` command, all listed in capabilities.ts. Each applies as one
// WorkspaceEdit, so one undo restores all.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { RenumberScope } from '../edits/renumber';
import { renumberEdits, unitById, type RenumberResult } from '../features/renumber';
import type { View } from '../workspace/bundle';
import type { ServerContext } from './context';
import { toWorkspaceEdit } from './convert';

// The client's "Treatymark: Renumber document" (treatymark.renumber) calls this with the active document.
export const RENUMBER_COMMAND = 'treatymark.server.renumber';
export const RENUMBER_KIND = `${CodeActionKind.Source}.renumber.treatymark`;

const LEVEL_PLURAL: Record<string, string> = {
  paragraph: 'paragraphs',
  subparagraph: 'subparagraphs',
  subsubparagraph: 'subparagraphs',
  note: 'notes',
  recital: 'preambular paragraphs',
};

/** The quick fixes and the source action, for the code action table in capabilities.ts. */
export function renumberCodeActions(ctx: ServerContext, p: CodeActionParams): CodeAction[] {
  const view = ctx.workspace.currentView(p.textDocument.uri);
  return view ? renumberActions(ctx, view, p) : [];
}

/** `treatymark.server.renumber` [uri, { force? }] → { applied, message, needsConfirmation? }. */
export async function renumberCommand(ctx: ServerContext, args: unknown[]): Promise<unknown> {
  const uri = typeof args[0] === 'string' ? args[0] : undefined;
  await ctx.workspace.whenScanned(3000);
  const view = uri ? ctx.workspace.currentView(uri) : undefined;
  if (!uri || !view) return { applied: false, message: 'Open a .treaty file to renumber it.' };
  const result = renumberEdits(view, ctx.workspace.project);
  if (result.count === 0) return { applied: false, message: 'Numbering is already in sequence: nothing to renumber.' };
  // The client asks the drafter and calls again with { force: true }.
  const force = (args[1] as { force?: boolean } | undefined)?.force === true;
  if (result.warning && !force) return { applied: false, needsConfirmation: true, message: `${result.title}? ${result.warning}: fix or delete them first, or renumber anyway.` };
  const applied = await ctx.connection.workspace.applyEdit({ label: result.title, edit: toWorkspaceEdit(ctx, result) });
  return { applied: applied.applied, message: applied.applied ? `${result.title}.` : `Renumbering was not applied${applied.failureReason ? `: ${applied.failureReason}` : '.'}` };
}

function renumberActions(ctx: ServerContext, view: View, p: CodeActionParams): CodeAction[] {
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
