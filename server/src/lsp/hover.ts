// textDocument/hover, in Markdown (the content is built in features/hover.ts).
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { hover } from '../features/hover';
import { viewAt, type Feature } from './context';

export const hoverFeature: Feature = {
  name: 'hover',
  register(ctx) {
    ctx.connection.onHover((params) =>
      ctx.guard<Hover | null>('hover', null, () => {
        const at = viewAt(ctx, params.textDocument, params.position);
        if (!at) return null;
        const result = hover(ctx.workspace.project, at.view, at.offset);
        if (!result) return null;
        const loc = at.view.locate(result.span);
        const formats = ctx.client.textDocument?.hover?.contentFormat;
        const kind = !formats || formats.includes(MarkupKind.Markdown) ? MarkupKind.Markdown : MarkupKind.PlainText;
        return {
          contents: { kind, value: result.markdown },
          range: loc && ctx.workspace.key(loc.uri) === at.key ? loc.range : undefined,
        };
      }),
    );
  },
};
