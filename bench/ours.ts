// Our side of the Markdown comparison, in-process: after each edit, the document's outline
// (features/symbols.ts, as textDocument/documentSymbol answers it) and its diagnostics
// (the project's findings converted as the server publishes them), from a fresh analysis.
import { pathToFileURL } from 'url';
import { outline, type OutlineNode } from '../server/src/features/symbols';
import { Project } from '../server/src/workspace/project';
import { uriKey } from '../server/src/workspace/uris';
import { toDiagnostic } from '../server/src/lsp/convert';

const count = (nodes: OutlineNode[]): number => nodes.reduce((n, x) => n + 1 + count(x.children), 0);

function outlineAndDiagnostics(project: Project, uri: string) {
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

/** Our side of the comparison: `texts` alternate (the document and it with one character typed), so every run analyses afresh. */
export class OursSide {
  private project = new Project();
  private uri: string;
  private version = 1;
  constructor(
    file: string,
    private readonly texts: [string, string],
  ) {
    this.uri = pathToFileURL(file).href;
  }

  counts() {
    this.project.openFile(this.uri, this.texts[0], this.version);
    const first = outlineAndDiagnostics(this.project, this.uri);
    return { symbols: count(first.nodes), diagnostics: first.diagnostics.length };
  }

  /** One run, timed: the edit reaches the project, then outline and diagnostics. */
  run(i: number): number {
    const text = this.texts[(i + 1) % 2];
    const t = performance.now();
    this.project.openFile(this.uri, text, ++this.version);
    outlineAndDiagnostics(this.project, this.uri);
    return performance.now() - t;
  }
}
