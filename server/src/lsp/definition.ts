// textDocument/definition: a term → its definition; a reference (each number of a list or
// range) → the heading or marker it names, also in another file; a footnote reference →
// its text; a note heading → the article. LocationLinks when the client takes them.
import type { Definition, DefinitionLink } from 'vscode-languageserver';
import { definition } from '../features/definition';
import { viewAt, type Feature } from './context';

export const definitionFeature: Feature = {
  name: 'definition',
  register(ctx) {
    ctx.connection.onDefinition((params) =>
      ctx.guard<Definition | DefinitionLink[] | null>('definition', null, () => {
        const at = viewAt(ctx, params.textDocument, params.position);
        if (!at) return null;
        const links = definition(ctx.workspace.project, at.view, at.offset);
        if (links.length === 0) return null;
        if (ctx.client.textDocument?.definition?.linkSupport) {
          const origin = at.view.locate(links[0].origin);
          const sameDoc = origin && origin.uri === params.textDocument.uri;
          return links.map((l) => ({
            originSelectionRange: sameDoc ? origin.range : undefined,
            targetUri: l.target.uri,
            targetRange: l.target.range,
            targetSelectionRange: l.selection.range,
          }));
        }
        return links.map((l) => ({ uri: l.selection.uri, range: l.selection.range }));
      }),
    );
  },
};
