// textDocument/selectionRange: Expand Selection from a word to the whole defined term or
// reference, then to the units that hold it.
import type { SelectionRange } from 'vscode-languageserver';
import { selectionRanges } from '../features/selection';
import { viewAt, type Feature } from './context';

export const selectionFeature: Feature = {
  name: 'selectionRange',
  register(ctx) {
    ctx.connection.onSelectionRanges((params) =>
      ctx.guard<SelectionRange[]>('selectionRange', [], () =>
        params.positions.map((position) => {
          const at = viewAt(ctx, params.textDocument, position);
          const ranges = at ? selectionRanges(at.view, params.textDocument.uri, at.offset) : [];
          // One answer per position: where nothing is known, the position itself.
          let result: SelectionRange = { range: { start: position, end: position } };
          for (let i = ranges.length - 1; i >= 0; i--) result = i === ranges.length - 1 ? { range: ranges[i] } : { range: ranges[i], parent: result };
          return result;
        }),
      ),
    );
  },
};
