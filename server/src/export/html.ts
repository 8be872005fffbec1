// The treaty as HTML: one standalone page to print or save as PDF (styles inline, `@page`
// rules with a running head and page numbers, a table of contents), and the same page in
// parts for the editor's live preview. Every unit has its eId as id and the editor line it
// starts on as `data-line` (for scroll sync, as VS Code's Markdown preview); every resolved
// cross-reference links to its unit and every defined term to its definition; negotiating
// marks are shown, with a "Clean text" switch that hides deletions and comments (pure CSS).
import { buildDocument, type DocNode, type Para, type PubDoc } from './document';
import { htmlStyle } from './htmlstyle';
import { renderInline, type Inline, type InlineMarkup } from './inline';

export interface HtmlOptions {
  /** `print` (default): the standalone page; `preview`: the editor theme's colours. */
  mode?: 'print' | 'preview';
  /** The editor line of text at `offset` (analysed on `line`); undefined leaves `data-line` out. */
  lineOf?: (offset: number, line: number) => number | undefined;
}

export interface HtmlParts {
  title: string;
  /** Classes of <body>: `tm-comments` when comments need the margin. */
  bodyClass: string;
  /** The one style sheet. */
  style: string;
  /** The "Clean text" switch, before the document. */
  toolbar: string;
  /** The inside of `<div id="tm-doc">`. */
  content: string;
}

export function htmlParts(doc: PubDoc, options: HtmlOptions = {}): HtmlParts {
  const mode = options.mode ?? 'print';
  const w = new HtmlWriter(doc, options.lineOf ?? ((_offset, line) => line));
  const head = [doc.shortTitle && doc.shortTitle !== doc.title ? doc.shortTitle : doc.title, doc.symbol].filter(Boolean).join(' · ');
  return {
    title: doc.title,
    bodyClass: `tm tm-${mode}${doc.comments.length ? ' tm-comments' : ''}`,
    style: htmlStyle(mode, head),
    toolbar: '<div class="tm-toolbar"><input type="checkbox" id="tm-clean"><label for="tm-clean">Clean text (changes accepted, comments hidden)</label></div>',
    content: w.content(),
  };
}

/** The standalone page. */
export function renderHtml(doc: PubDoc, options: HtmlOptions = {}): string {
  const p = htmlParts(doc, options);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Treatymark">`,
    `<title>${esc(p.title)}</title>`,
    `<style>${p.style}</style>`,
    '</head>',
    `<body class="${p.bodyClass}">`,
    p.toolbar,
    `<div id="tm-doc">${p.content}</div>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function treatyToHtml(treaty: Parameters<typeof buildDocument>[0], options: HtmlOptions = {}): string {
  return renderHtml(buildDocument(treaty), options);
}

class HtmlWriter {
  private readonly out: string[] = [];
  /** Inside an <a>: a nested link would break the page, so inner links become spans. */
  private inLink = false;
  private fnCount = new Map<string, number>();

  constructor(
    private readonly doc: PubDoc,
    private readonly lineOf: (offset: number, line: number) => number | undefined,
  ) {}

  content(): string {
    const d = this.doc;
    const o = this.out;
    o.push('<header class="tm-cover">');
    if (d.symbol) o.push(`<p class="tm-symbol">${esc(d.symbol)}</p>`);
    if (d.status) o.push(`<p class="tm-status">${esc(d.status)}</p>`);
    o.push(`<h1 class="tm-title">${esc(d.title)}</h1>`);
    o.push('</header>');
    if (d.front.length) {
      o.push('<div class="tm-front">');
      for (const p of d.front) this.para(p);
      o.push('</div>');
    }
    this.toc();
    for (const n of d.roots) this.root(n);
    this.footnotes();
    return o.join('\n');
  }

  private line(offset: number, line: number): string {
    const l = this.lineOf(offset, line);
    return l === undefined ? '' : ` data-line="${l}"`;
  }

  private toc(): void {
    const items = (nodes: DocNode[]): string =>
      nodes
        .filter((n) => TOC_KINDS.has(n.kind))
        .map((n) => {
          const label = [n.num, n.title].filter(Boolean).join('. ') || n.kind;
          const sub = n.kind === 'article' ? '' : items(n.children);
          return `<li><a href="#${n.eId}">${esc(label)}</a>${sub ? `<ol>${sub}</ol>` : ''}</li>`;
        })
        .join('');
    const list = items(this.doc.roots);
    if (list) this.out.push(`<nav class="tm-toc" aria-label="Contents"><h2>Contents</h2><ol>${list}</ol></nav>`);
  }

  private root(n: DocNode): void {
    switch (n.kind) {
      case 'preamble':
        return this.section(n, 'tm-preamble', 2);
      case 'closing':
        return this.section(n, 'tm-closing', 2);
      case 'notes':
        return this.section(n, 'tm-notes', 2);
      default:
        return this.unit(n, 2);
    }
  }

  /** Preamble, closing formula, interpretative notes: a section with its paragraphs and units. */
  private section(n: DocNode, cls: string, level: number): void {
    this.out.push(`<section class="${cls}" id="${n.eId}"${this.line(n.offset, n.line)}>`);
    if (n.heading.length) this.out.push(`<h${level} class="tm-heading"><span class="tm-title">${this.inlines(n.heading)}</span></h${level}>`);
    const formula = n.paras.filter((p) => p.role === 'formula');
    for (const p of n.paras) if (p.role !== 'formula') this.para(p);
    for (const c of n.children) this.unit(c, level + 1);
    for (const p of formula) this.para(p);
    this.out.push('</section>');
  }

  /** A unit: a headed division (part … article, annex, note group) or a numbered one (paragraph, point, note, recital). */
  private unit(n: DocNode, level: number): void {
    const o = this.out;
    const cls = `tm-${n.kind.toLowerCase()}`;
    if (HEADED.has(n.kind)) {
      const h = Math.min(level, 5);
      o.push(`<section class="${cls}" id="${n.eId}"${this.line(n.offset, n.line)}>`);
      const num = n.num ? `<span class="tm-num">${esc(n.num)}</span>` : '';
      const title = n.heading.length ? `<span class="tm-title">${this.inlines(n.heading)}</span>` : '';
      if (num || title) o.push(`<h${h} class="tm-heading">${num}${num && title ? ' ' : ''}${title}</h${h}>`);
      for (const p of n.paras) this.para(p);
      for (const c of n.children) this.unit(c, level + 1);
      o.push('</section>');
      return;
    }
    o.push(`<div class="tm-unit ${cls}${n.num ? '' : ' tm-unnumbered'}" id="${n.eId}"${this.line(n.offset, n.line)}>`);
    if (n.num) o.push(`<span class="tm-num">${esc(n.num)}</span>`);
    o.push('<div class="tm-body">');
    for (const p of n.paras) this.para(p);
    for (const c of n.children) this.unit(c, level + 1);
    o.push('</div></div>');
  }

  private para(p: Para): void {
    const cls = p.role === 'title' ? ' class="tm-title-line"' : p.role ? ` class="tm-${p.role}"` : '';
    this.out.push(`<p${cls}${this.line(p.offset, p.line)}>${this.inlines(p.content)}</p>`);
  }

  private footnotes(): void {
    const notes = this.doc.footnotes;
    if (notes.length === 0) return;
    this.out.push('<section class="tm-footnotes" aria-label="Footnotes"><ol>');
    for (const f of notes) {
      const value = Number.isInteger(Number(f.label)) ? ` value="${Number(f.label)}"` : '';
      this.out.push(`<li id="${fnId(f.label)}"${value}>${this.inlines(f.content)}</li>`);
    }
    this.out.push('</ol></section>');
  }

  private inlines(nodes: readonly Inline[]): string {
    let s = '';
    for (const n of nodes) s += this.inline(n);
    return s;
  }

  private link(href: string, cls: string, inner: () => string, title?: string): string {
    const t = title ? ` title="${esc(title)}"` : '';
    if (this.inLink) return `<span class="${cls}"${t}>${inner()}</span>`;
    this.inLink = true;
    const body = inner();
    this.inLink = false;
    return `<a class="${cls}" href="${esc(href)}"${t}>${body}</a>`;
  }

  private inline(n: Inline): string {
    return renderInline(n, this.markup, () => ('c' in n ? this.inlines(n.c) : ''));
  }

  /** HTML's inline elements: links for references and terms, marks for negotiation. */
  private readonly markup: InlineMarkup = {
    text: (n) => esc(n.text),
    em: (_n, inner) => `<em>${inner()}</em>`,
    def: (n, inner) => `<dfn class="tm-def" id="${n.term.id}">${inner()}</dfn>`,
    term: (n, inner) => this.link(`#${n.term.id}`, 'tm-term', inner, `Defined term: ${n.term.definition.term}`),
    ref: (n, inner) => {
      if (n.kind === 'link') return this.link(n.href!, 'tm-ref', inner);
      if (n.kind === 'group') return `<span class="tm-refs">${inner()}</span>`;
      if (n.kind === 'external') return `<cite class="tm-ref-external" title="${esc(n.ref.instrument ?? '')}">${inner()}</cite>`;
      if (n.kind === 'placeholder') return `<span class="tm-ref-placeholder" title="A reference still to be written">${inner()}</span>`;
      return `<span class="tm-ref-dangling" title="Names nothing in this treaty">${inner()}</span>`;
    },
    ins: (n, inner) => `<ins${n.comment ? ` data-comment="${n.comment.n}"` : ''}>${inner()}</ins>`,
    del: (n, inner) => `<del${n.comment ? ` data-comment="${n.comment.n}"` : ''}>${inner()}</del>`,
    mark: (n, inner) => `<mark${n.comment ? ` data-comment="${n.comment.n}"` : ''}>${inner()}</mark>`,
    bracket: (n, inner) => `<span class="tm-bracket${n.alternative ? ' tm-alternative' : ''}">${inner()}</span>`,
    comment: (n) => `<sup class="tm-comment-ref">${esc(n.comment.label)}</sup><span class="tm-comment" role="note" id="comment-${n.comment.n}">${esc(n.comment.text)}</span>`,
    fn: (n) => {
      const k = (this.fnCount.get(n.note.label) ?? 0) + 1;
      this.fnCount.set(n.note.label, k);
      return `<sup class="tm-fnref" id="${fnId(n.note.label)}-ref-${k}">${this.link(`#${fnId(n.note.label)}`, 'tm-fn', () => esc(n.note.label))}</sup>`;
    },
  };
}

const HEADED = new Set(['part', 'chapter', 'section', 'article', 'annex', 'noteGroup']);
const TOC_KINDS = new Set(['preamble', 'part', 'chapter', 'section', 'article', 'annex', 'notes']);

function fnId(label: string): string {
  let s = 'fn-';
  for (const ch of label) s += /* keep ids safe in a URL fragment */ (ch >= '0' && ch <= '9') || (ch.toLowerCase() >= 'a' && ch.toLowerCase() <= 'z') ? ch : '_';
  return s;
}

function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
