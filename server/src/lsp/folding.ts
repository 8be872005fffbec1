// textDocument/foldingRange: chapters, articles, paragraphs (and multi-line subparagraphs),
// interpretative notes and the front matter.
import type { FoldingRange } from 'vscode-languageserver';
import { folds } from '../features/folding';
import type { Feature } from './context';

export const foldingFeature: Feature = {
  name: 'folding',
  register(ctx) {
    ctx.connection.onFoldingRanges((params) =>
      ctx.guard<FoldingRange[]>('foldingRange', [], () => {
        const view = ctx.workspace.view(params.textDocument.uri);
        if (!view) return [];
        const limit = ctx.client.textDocument?.foldingRange?.rangeLimit;
        const ranges = folds(view, ctx.workspace.key(params.textDocument.uri));
        return typeof limit === 'number' && limit > 0 ? ranges.slice(0, limit) : ranges;
      }),
    );
  },
};
