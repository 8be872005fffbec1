// textDocument/semanticTokens/full. The legend uses standard types and modifiers only, so
// built-in themes colour the tokens (the mapping is documented in features/semanticTokens.ts):
//   term use → variable.readonly · definition → variable.declaration.readonly
//   resolved reference → macro · dangling → macro.deprecated · other instrument → namespace
import { SemanticTokensBuilder, type SemanticTokens } from 'vscode-languageserver';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../features/semanticTokens';
import type { Feature } from './context';

export const LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export const semanticTokensFeature: Feature = {
  name: 'semanticTokens',
  register(ctx) {
    ctx.connection.languages.semanticTokens.on((params) =>
      ctx.guard<SemanticTokens>('semanticTokens', { data: [] }, () => {
        const view = ctx.workspace.view(params.textDocument.uri);
        if (!view) return { data: [] };
        const builder = new SemanticTokensBuilder();
        for (const t of semanticTokens(ctx.workspace.project, view, ctx.workspace.key(params.textDocument.uri))) {
          builder.push(t.line, t.character, t.length, t.type, t.modifiers);
        }
        return builder.build();
      }),
    );
  },
};
