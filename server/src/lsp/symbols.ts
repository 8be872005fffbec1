// textDocument/documentSymbol (the outline: preamble, parts, chapters, articles with their
// headings, paragraphs, defined terms, notes) and workspace/symbol (the articles and
// defined terms of every .treaty file of the workspace).
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { Location } from '../workspace/bundle';
import { matchesQuery, outline, workspaceSymbols, type OutlineNode, type SymbolKindName } from '../features/symbols';
import { baseName } from '../workspace/uris';
import type { Feature } from './context';

const KIND: Record<SymbolKindName, SymbolKind> = {
  preamble: SymbolKind.Namespace,
  part: SymbolKind.Package,
  chapter: SymbolKind.Module,
  section: SymbolKind.Namespace,
  article: SymbolKind.Class,
  annex: SymbolKind.Module,
  paragraph: SymbolKind.Field,
  notes: SymbolKind.Namespace,
  noteGroup: SymbolKind.Interface,
  note: SymbolKind.Property,
  term: SymbolKind.Constant,
};

const MAX_WORKSPACE_SYMBOLS = 2000;

function toDocumentSymbol(n: OutlineNode): DocumentSymbol {
  return {
    name: n.name || '(untitled)',
    detail: n.detail,
    kind: KIND[n.kind],
    range: n.location.range,
    selectionRange: n.selection.range,
    children: n.children.map(toDocumentSymbol),
  };
}

function flatten(nodes: OutlineNode[], container: string | undefined, out: SymbolInformation[]) {
  for (const n of nodes) {
    out.push({ name: n.name, kind: KIND[n.kind], location: toLsp(n.location), containerName: container });
    flatten(n.children, n.name, out);
  }
}

function toLsp(l: Location) {
  return { uri: l.uri, range: l.range };
}

export const symbolsFeature: Feature = {
  name: 'symbols',
  register(ctx) {
    ctx.connection.onDocumentSymbol((params) =>
      ctx.guard<DocumentSymbol[] | SymbolInformation[]>('documentSymbol', [], () => {
        const view = ctx.workspace.view(params.textDocument.uri);
        if (!view) return [];
        const nodes = outline(view, ctx.workspace.key(params.textDocument.uri));
        if (ctx.client.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return nodes.map(toDocumentSymbol);
        const flat: SymbolInformation[] = [];
        flatten(nodes, undefined, flat);
        return flat;
      }),
    );
    ctx.connection.onWorkspaceSymbol((params) =>
      ctx.guardAsync<SymbolInformation[]>('workspaceSymbol', [], async () => {
        await ctx.workspace.whenScanned();
        const out: SymbolInformation[] = [];
        for (const file of ctx.workspace.project.mainFiles()) {
          const view = ctx.workspace.view(file.uri);
          if (!view) continue;
          for (const s of workspaceSymbols(view, baseName(file.uri))) {
            if (!matchesQuery(s, params.query ?? '')) continue;
            out.push({ name: s.name, kind: KIND[s.kind], containerName: s.containerName, location: toLsp(s.location) });
            if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
          }
        }
        return out;
      }),
    );
  },
};
