// Numbering that continues as the drafter types: Enter after `3. …` inserts `4. `.
// VS Code asks for this only with editor.formatOnType, which the extension turns on for treaties.
import type { TextEdit } from 'vscode-languageserver';
import { continueList } from '../edits/continueList';
import type { Feature } from './context';

export const onTypeFormattingFeature: Feature = {
  name: 'onTypeFormatting',
  register(ctx) {
    ctx.connection.onDocumentOnTypeFormatting((p) =>
      ctx.guard('onTypeFormatting', [] as TextEdit[], () => {
        const view = ctx.workspace.currentView(p.textDocument.uri);
        const key = ctx.workspace.key(p.textDocument.uri);
        const part = view?.part(key);
        // Only the treaty file itself: its text starts the bundle, so its lines are the model's.
        if (!view || !part || part.base !== 0 || part.text !== view.treaty.text.slice(0, part.text.length)) return [];
        const edit = continueList(view.treaty, p.position.line);
        if (!edit) return [];
        const at = view.locate(edit.span);
        return at ? [{ range: at.range, newText: edit.newText }] : [];
      }),
    );
  },
};
