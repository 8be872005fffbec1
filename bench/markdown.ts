// The comparison with VS Code's Markdown support: the treaty rendered as CommonMark (headings
// stay `#` headings, every internal cross-reference the core resolves becomes a link to the
// heading of the unit it names, `[article 17](#article-17-laundering-of-proceeds-of-crime)`),
// given to `vscode-markdown-languageservice` — the engine of VS Code's Markdown language
// features — for document symbols and link diagnostics. Our side does the same job on the
// treaty: the outline and the diagnostics, through the server's own feature code.
import MarkdownIt, { type Token as MdToken } from 'markdown-it';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, DiagnosticLevel, githubSlugifier, LogLevel, type IMdParser, type ITextDocument, type IWorkspace } from 'vscode-markdown-languageservice';
import { URI } from 'vscode-uri';
import type { Treaty, Unit } from '../server/src/model/types';

const HEADED = new Set(['preamble', 'part', 'chapter', 'section', 'article', 'annex', 'notes', 'noteGroup']);

interface Rendered {
  markdown: string;
  headings: number;
  links: number;
}

/** The plain text of a heading as markdown-it's inline tokens give it (emphasis marks dropped). */
function headingPlainText(md: ReturnType<typeof MarkdownIt>, source: string): string {
  const tokens = md.parseInline(source, {});
  let out = '';
  const walk = (list: { type: string; content: string; children: unknown[] | null }[]) => {
    for (const t of list) {
      if (t.type === 'text' || t.type === 'code_inline') out += t.content;
      if (t.children) walk(t.children as typeof list);
    }
  };
  walk(tokens as unknown as Parameters<typeof walk>[0]);
  return out;
}

export function toMarkdown(treaty: Treaty): Rendered {
  const text = treaty.text;
  const md = new MarkdownIt({ html: true });
  // Heading line → slug, with the service's rule for repeated slugs (`-1`, `-2`, …).
  const slugs = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const b of treaty.syntax.blocks) {
    if (b.type !== 'heading') continue;
    let slug = githubSlugifier.fromHeading(headingPlainText(md, text.slice(b.rest.start, b.rest.end))).value;
    const count = seen.get(slug);
    if (count !== undefined) {
      seen.set(slug, count + 1);
      slug = githubSlugifier.fromHeading(`${slug}-${count + 1}`).value;
    } else seen.set(slug, 0);
    slugs.set(b.line, slug);
  }
  const slugOf = (unit: Unit): string | undefined => {
    for (let u: Unit | undefined = unit; u; u = u.parent) {
      if (u.implicit || !HEADED.has(u.kind)) continue;
      const slug = slugs.get(treaty.lines.lineAt(u.anchorSpan.start));
      if (slug) return slug;
    }
    return undefined;
  };
  const out: string[] = [];
  let at = 0;
  const fm = treaty.syntax.frontMatter;
  if (fm?.closed) {
    // YAML front matter would read as a setext heading in CommonMark: keep it as a code block.
    out.push('```yaml\n', text.slice(fm.content.start, fm.content.end).replace(/\n?$/, '\n'), '```\n');
    at = fm.span.end;
  }
  let links = 0;
  const refs = [...treaty.references].sort((a, b) => a.span.start - b.span.start);
  for (const ref of refs) {
    if (ref.kind !== 'internal' || ref.targets.length === 0 || ref.noteHeading || ref.span.start < at) continue;
    if (/[[\]\n]/.test(ref.text) || slugs.has(treaty.lines.lineAt(ref.span.start))) continue;
    const slug = slugOf(ref.targets[0]);
    if (!slug) continue;
    out.push(text.slice(at, ref.span.start), `[${text.slice(ref.span.start, ref.span.end)}](#${slug})`);
    at = ref.span.end;
    links++;
  }
  out.push(text.slice(at));
  return { markdown: out.join(''), headings: slugs.size, links };
}

type Listener<T> = (e: T) => void;
/** An `Event` as vscode-languageserver defines it: `(listener, thisArgs?, disposables?)`. */
function emitter<T>() {
  const listeners = new Set<Listener<T>>();
  const event = (listener: Listener<T>, thisArgs?: unknown, disposables?: { dispose(): void }[]) => {
    const bound: Listener<T> = (e) => listener.call(thisArgs, e);
    listeners.add(bound);
    const disposable = { dispose: () => void listeners.delete(bound) };
    disposables?.push(disposable);
    return disposable;
  };
  return { event, fire: (e: T) => listeners.forEach((l) => l(e)) };
}

/** `vscode-markdown-languageservice` over an in-memory workspace holding one document. */
class MarkdownService {
  private docs = new Map<string, ITextDocument>();
  private changed = emitter<ITextDocument>();
  private created = emitter<ITextDocument>();
  private deleted = emitter<URI>();
  private tokens = new Map<string, { version: number; tokens: MdToken[] }>();
  private version = 0;
  readonly service;
  readonly uri: string;
  private readonly token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

  constructor(folder: string, name = 'treaty.md') {
    const root = URI.file(folder);
    this.uri = URI.file(`${folder}/${name}`).toString();
    const md = new MarkdownIt({ html: true });
    // As VS Code's Markdown server does, tokens are cached per document version.
    const parser: IMdParser = {
      slugifier: githubSlugifier,
      tokenize: async (doc) => {
        const hit = this.tokens.get(doc.uri);
        if (hit && hit.version === doc.version) return hit.tokens;
        const tokens = md.parse(doc.getText(), {});
        this.tokens.set(doc.uri, { version: doc.version, tokens });
        return tokens;
      },
    };
    const docs = this.docs;
    const workspace: IWorkspace = {
      get workspaceFolders() {
        return [root];
      },
      onDidChangeMarkdownDocument: this.changed.event,
      onDidCreateMarkdownDocument: this.created.event,
      onDidDeleteMarkdownDocument: this.deleted.event,
      getAllMarkdownDocuments: async () => docs.values(),
      hasMarkdownDocument: (resource) => docs.has(resource.toString()),
      openMarkdownDocument: async (resource) => docs.get(resource.toString()),
      stat: async (resource) => (docs.has(resource.toString()) ? { isDirectory: false } : resource.toString() === root.toString() ? { isDirectory: true } : undefined),
      readDirectory: async () => [],
    };
    this.service = createLanguageService({ workspace, parser, logger: { level: LogLevel.Off, log() {} } });
  }

  /** The editor's new text: a new version, the service's caches invalidated. */
  update(text: string): ITextDocument {
    const doc = TextDocument.create(this.uri, 'markdown', ++this.version, text);
    const isNew = !this.docs.has(this.uri);
    this.docs.set(this.uri, doc);
    (isNew ? this.created : this.changed).fire(doc);
    return doc;
  }

  /** Outline and link diagnostics of a document, as the Markdown language server computes them after an edit. */
  async symbolsAndDiagnostics(doc: ITextDocument) {
    const symbols = await this.service.getDocumentSymbols(doc, { includeLinkDefinitions: true }, this.token);
    const diagnostics = await this.service.computeDiagnostics(
      doc,
      {
        validateReferences: DiagnosticLevel.warning,
        validateFragmentLinks: DiagnosticLevel.warning,
        validateFileLinks: DiagnosticLevel.warning,
        validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
        validateUnusedLinkDefinitions: DiagnosticLevel.warning,
        validateDuplicateLinkDefinitions: DiagnosticLevel.warning,
        ignoreLinks: [],
      },
      this.token,
    );
    return { symbols, diagnostics };
  }

  dispose(): void {
    this.service.dispose();
  }
}

const countSymbols = (list: { children?: unknown[] }[]): number => list.reduce((n, s) => n + 1 + countSymbols((s.children ?? []) as { children?: unknown[] }[]), 0);

/**
 * One side of the comparison: symbols + diagnostics after each edit; `texts` alternate (the
 * document and it with one character typed), so every run starts from a new version.
 */
export class MarkdownSide {
  private service: MarkdownService;
  constructor(
    folder: string,
    private readonly texts: [Rendered, Rendered],
  ) {
    this.service = new MarkdownService(folder);
  }

  async counts() {
    const first = await this.service.symbolsAndDiagnostics(this.service.update(this.texts[0].markdown));
    return { bytes: Buffer.byteLength(this.texts[0].markdown), headings: this.texts[0].headings, links: this.texts[0].links, symbols: countSymbols(first.symbols), diagnostics: first.diagnostics.length };
  }

  /** One run; returns its time in ms (the new version is given to the service untimed). */
  async run(i: number): Promise<number> {
    const doc = this.service.update(this.texts[(i + 1) % 2].markdown);
    const t = performance.now();
    await this.service.symbolsAndDiagnostics(doc);
    return performance.now() - t;
  }

  dispose(): void {
    this.service.dispose();
  }
}
