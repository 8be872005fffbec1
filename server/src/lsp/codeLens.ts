// textDocument/codeLens: "cited N times" over each article heading, opening the citations
// with the client command `treatymark.showReferences` (uri, position, locations — LSP
// shapes; the VS Code client turns them into editor.action.showReferences). Off with
// `treatymark.codeLens.enabled: false`.
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver';
import { articleLenses } from '../features/codeLens';
import type { Feature, ServerContext } from './context';

const SHOW_REFERENCES_COMMAND = 'treatymark.showReferences';

function lensTitle(n: number): string {
  return `cited ${n} ${n === 1 ? 'time' : 'times'}`;
}

export const codeLensFeature: Feature = {
  name: 'codeLens',
  register(ctx) {
    ctx.connection.onCodeLens((params) =>
      ctx.guardAsync<CodeLens[]>('codeLens', [], async () => {
        if (!ctx.settings.current.codeLens.enabled) return [];
        await ctx.workspace.whenScanned();
        const view = ctx.workspace.view(params.textDocument.uri);
        if (!view) return [];
        return articleLenses(ctx.workspace.project, view, ctx.workspace.key(params.textDocument.uri)).map((l) => ({
          range: l.anchor.range,
          command: {
            title: lensTitle(l.citations.length),
            command: SHOW_REFERENCES_COMMAND,
            arguments: [params.textDocument.uri, l.anchor.range.start, l.citations.map((c) => ({ uri: c.uri, range: c.range }))],
          },
        }));
      }),
    );
  },
};

/** Ask the client to request code lenses again (citation counts changed elsewhere, or the setting). */
export function refreshCodeLenses(ctx: ServerContext): void {
  if (!ctx.client.workspace?.codeLens?.refreshSupport) return;
  ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}
