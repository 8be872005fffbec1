// textDocument/prepareRename and textDocument/rename for defined terms: the definition and
// every use (in the treaty and its notes file) change, each keeping its capitalisation
// and plural. Renaming reads the current analysis, never a stale one.
import { ErrorCodes, ResponseError, type PrepareRenameResult, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { renameEdits, renameTarget } from '../features/rename';
import { viewAt, type Feature } from './context';

export const renameFeature: Feature = {
  name: 'rename',
  register(ctx) {
    ctx.connection.onPrepareRename((params) =>
      ctx.guard<PrepareRenameResult | null>('prepareRename', null, () => {
        const at = viewAt(ctx, params.textDocument, params.position, true);
        if (!at) return null;
        const target = renameTarget(at.view, at.offset);
        if (!target) return null;
        const loc = at.view.locate(target.span);
        if (!loc) return null;
        return { range: loc.range, placeholder: target.placeholder };
      }),
    );
    ctx.connection.onRenameRequest((params) =>
      ctx.guard<WorkspaceEdit | null>('rename', null, () => {
        const at = viewAt(ctx, params.textDocument, params.position, true);
        if (!at) return null;
        const result = renameEdits(at.view, at.offset, params.newName);
        if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
        const byUri = new Map<string, TextEdit[]>();
        for (const e of result.edits) byUri.set(e.location.uri, [...(byUri.get(e.location.uri) ?? []), { range: e.location.range, newText: e.newText }]);
        if (ctx.client.workspace?.workspaceEdit?.documentChanges) {
          const documentChanges: TextDocumentEdit[] = [...byUri].map(([uri, edits]) => ({
            textDocument: { uri, version: ctx.workspace.documents.get(uri)?.version ?? null },
            edits,
          }));
          return { documentChanges };
        }
        return { changes: Object.fromEntries(byUri) };
      }),
    );
  },
};
