// textDocument/completion: articles after `article `, paragraphs after `paragraph `,
// subparagraphs after `(` in a reference, defined terms while typing a word.
import { CompletionItemKind, CompletionTriggerKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { complete, type CompletionEntry } from '../features/completion';
import { viewAt, type Feature } from './context';

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  article: CompletionItemKind.Reference,
  paragraph: CompletionItemKind.Reference,
  subparagraph: CompletionItemKind.Reference,
  term: CompletionItemKind.Variable,
  snippet: CompletionItemKind.Snippet,
};

export const completionFeature: Feature = {
  name: 'completion',
  register(ctx) {
    ctx.connection.onCompletion((params) =>
      ctx.guard<CompletionList>('completion', { isIncomplete: false, items: [] }, () => {
        const empty: CompletionList = { isIncomplete: false, items: [] };
        const doc = ctx.workspace.documents.get(params.textDocument.uri);
        const at = viewAt(ctx, params.textDocument, params.position);
        if (!doc || !at) return empty;
        const local = doc.offsetAt(params.position);
        const trigger = params.context?.triggerKind;
        const entries = complete(at.view, at.key, local, trigger === CompletionTriggerKind.TriggerCharacter, trigger === CompletionTriggerKind.Invoked || trigger === undefined);
        const labelDetails = !!ctx.client.textDocument?.completion?.completionItem?.labelDetailsSupport;
        const items = entries.map((e): CompletionItem => {
          const range = { start: doc.positionAt(e.edit.start), end: doc.positionAt(e.edit.end) };
          const item: CompletionItem = {
            label: e.label,
            kind: KIND[e.kind],
            detail: e.detail,
            sortText: e.sortText,
            filterText: e.filterText,
            insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            textEdit: { range, newText: e.edit.newText },
          };
          if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
          if (e.description && labelDetails) item.labelDetails = { description: e.description };
          return item;
        });
        return { isIncomplete: false, items };
      }),
    );
  },
};
