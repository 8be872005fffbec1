// Our side of the Markdown comparison, in-process: after each edit, the document's outline
// (features/outline.ts, as textDocument/documentSymbol answers it) and its diagnostics
// (the project's findings converted as the server publishes them), from a fresh analysis.
import { pathToFileURL } from 'url';
import { outline, type OutlineNode } from '../server/src/features/outline';
import { Project } from '../server/src/features/project';
import { uriKey } from '../server/src/features/uris';
import { toDiagnostic } from '../server/src/lsp/convert';
import type { Stats } from './core';
import { measureWith } from './timing';

const count = (nodes: OutlineNode[]): number => nodes.reduce((n, x) => n + 1 + count(x.children), 0);

export interface OursResult {
  symbols: number;
  diagnostics: number;
  stats: Stats;
}

export function outlineAndDiagnostics(project: Project, uri: string) {
  const view = project.view(uri)!;
  const key = uriKey(uri);
  const nodes = outline(view, key);
  const symbols = nodes.map(function toSymbol(n): unknown {
    return { name: n.name, detail: n.detail, kind: n.kind, range: n.location.range, selectionRange: n.selection.range, children: n.children.map(toSymbol) };
  });
  const part = view.bundle.partFor(key)!;
  const diagnostics = project.findings(uri).map((f) => toDiagnostic(part.lines, f, { level: f.severity, tags: true }));
  return { symbols, diagnostics, nodes };
}

/** `texts` alternate: the document and it with one character typed, so every run analyses afresh. */
export function oursBench(file: string, texts: [string, string], options: { warmup: number; runs: number }): OursResult {
  const project = new Project();
  const uri = pathToFileURL(file).href;
  let version = 1;
  project.openFile(uri, texts[0], version);
  const first = outlineAndDiagnostics(project, uri);
  const stats = measureWith(
    (i) => texts[(i + 1) % 2],
    (text) => {
      project.openFile(uri, text, ++version);
      outlineAndDiagnostics(project, uri);
    },
    options,
  );
  return { symbols: count(first.nodes), diagnostics: first.diagnostics.length, stats };
}
