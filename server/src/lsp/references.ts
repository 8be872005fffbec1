// textDocument/references: every use of a term; every citation of an article, paragraph or
// subparagraph (ranges included, and from files that cite this one through `instruments:`).
import type { Location } from 'vscode-languageserver';
import { references } from '../features/references';
import { toLocation } from './convert';
import { viewAt, type Feature } from './context';

export const referencesFeature: Feature = {
  name: 'references',
  register(ctx) {
    ctx.connection.onReferences((params) =>
      ctx.guardAsync<Location[]>('references', [], async () => {
        // Citations from other files need the workspace index.
        await ctx.workspace.whenScanned();
        const at = viewAt(ctx, params.textDocument, params.position);
        if (!at) return [];
        return references(ctx.workspace.project, at.view, at.offset, !!params.context?.includeDeclaration).map(toLocation);
      }),
    );
  },
};
