// Our side of the Markdown comparison, in-process: after each edit, the document's diagnostics
// (the project's findings converted as the server publishes them, the analysis updated by
// difference) and, timed apart, its outline (features/symbols.ts, as textDocument/documentSymbol
// answers it).
import { pathToFileURL } from 'url';
import { outline, type OutlineNode } from '../server/src/features/symbols';
import { Project } from '../server/src/workspace/project';
import { uriKey } from '../server/src/workspace/uris';
import { toDiagnostic } from '../server/src/lsp/convert';

const count = (nodes: OutlineNode[]): number => nodes.reduce((n, x) => n + 1 + count(x.children), 0);

function diagnostics(project: Project, uri: string) {
  const part = project.view(uri)!.bundle.partFor(uriKey(uri))!;
  return project.findings(uri).map((f) => toDiagnostic(part.lines, f, { level: f.severity, tags: true }));
}

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

/**
 * Our side of the comparison: `texts` alternate (the document and it with one character typed),
 * and each run is what the server does for a keystroke: the project takes the new text,
 * updates its analysis by difference and checks it, and the findings become LSP diagnostics.
 * The outline after the edit is timed too, apart (`outlineTimes`).
 */
export class OursSide {
  private project = new Project();
  private uri: string;
  private version = 1;
  readonly outlineTimes: number[] = [];
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

  /** One run: the edit to its diagnostics, timed; then the outline, timed apart. */
  run(i: number): number {
    const text = this.texts[(i + 1) % 2];
    const t = performance.now();
    this.project.openFile(this.uri, text, ++this.version);
    diagnostics(this.project, this.uri);
    const edit = performance.now() - t;
    const o = performance.now();
    outline(this.project.view(this.uri)!, uriKey(this.uri));
    this.outlineTimes.push(performance.now() - o);
    return edit;
  }
}
