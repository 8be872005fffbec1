// The treaty as Akoma Ntoso 3.0 XML (OASIS LegalDocML), valid against the strict schema
// (test/fixtures/akn/): an `act` with its FRBR identification from the front matter, the
// title in the preface, the preamble's recitals, the body's parts, chapters, articles,
// paragraphs and points with eIds after the Naming Convention (ids.ts), defined terms as
// `<def>`/`<term>` with a TLCTerm each, cross-references as `<ref href="#eId">` (`<mref>`
// for several), other instruments as their Work IRIs, footnotes as `authorialNote`s,
// tracked changes as `<ins>`/`<del>`, comments as `<remark>`s, square brackets as generic
// inlines, annexes as attachments and the interpretative notes as a component whose
// headings link to the units they interpret.
import { buildDocument, slug, type DocNode, type Para, type PubDoc } from './document';
import { renderInline, type Inline, type InlineMarkup } from './inline';

export interface AknOptions {
  /** The date of the Work and Expression when the front matter has no `date:` (YYYY-MM-DD). */
  date?: string;
  /** The date this file is generated (the Manifestation), YYYY-MM-DD. */
  generated?: string;
}

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

const ELEMENT: Record<string, string> = {
  part: 'part',
  chapter: 'chapter',
  section: 'section',
  article: 'article',
  paragraph: 'paragraph',
  subparagraph: 'point',
  subsubparagraph: 'point',
  note: 'paragraph',
  noteGroup: 'hcontainer',
};

export function renderAkn(doc: PubDoc, options: AknOptions = {}): string {
  const w = new AknWriter(doc, options);
  return w.render();
}

export function treatyToAkn(treaty: Parameters<typeof buildDocument>[0], options: AknOptions = {}): string {
  return renderAkn(buildDocument(treaty), options);
}

class AknWriter {
  private readonly out: string[] = [];
  /** Counters of inline elements per container, for their eIds (`art_17__para_1__ref_2`). */
  private readonly counters = new Map<string, number>();
  private readonly work: string;
  private readonly date: string;
  private readonly generated: string;

  constructor(
    private readonly doc: PubDoc,
    options: AknOptions,
  ) {
    const today = new Date().toISOString().slice(0, 10);
    this.date = frontMatterDate(doc.treaty.frontMatter.data) ?? options.date ?? today;
    this.generated = options.generated ?? today;
    const number = slug(doc.symbol ?? doc.shortTitle ?? doc.title) || 'nn';
    this.work = `/akn/un/act/treaty/${this.date}/${number}`;
  }

  render(): string {
    const roots = this.doc.roots;
    const body = roots.filter((n) => !['preamble', 'closing', 'notes', 'annex'].includes(n.kind));
    this.out.push('<?xml version="1.0" encoding="UTF-8"?>\n', `<akomaNtoso xmlns="${AKN_NAMESPACE}">\n`, '<act name="treaty">\n');
    this.meta('!main');
    this.preface();
    const preamble = roots.find((n) => n.kind === 'preamble');
    if (preamble) this.preamble(preamble);
    this.out.push('<body>\n');
    if (body.length === 0) this.out.push('<hcontainer eId="hcontainer_1" name="empty"><content><p/></content></hcontainer>\n');
    for (const n of body) this.node(n);
    this.out.push('</body>\n');
    const closing = roots.filter((n) => n.kind === 'closing');
    if (closing.length) {
      this.out.push('<conclusions>\n');
      for (const c of closing) this.paras(c.paras, c.eId);
      this.out.push('</conclusions>\n');
    }
    const annexes = roots.filter((n) => n.kind === 'annex');
    if (annexes.length) {
      this.out.push('<attachments>\n');
      for (const a of annexes) this.annex(a);
      this.out.push('</attachments>\n');
    }
    const notes = roots.find((n) => n.kind === 'notes');
    if (notes) this.notes(notes);
    this.out.push('</act>\n</akomaNtoso>\n');
    return this.out.join('');
  }

  /** FRBR identification of the treaty (`!main`) or of one of its components, and the TLC entries. */
  /** `prefix`: a component's eId, which its TLC entries' eIds start with (eIds are unique in the whole act). */
  private meta(component: string, prefix?: string): void {
    const expr = `${this.work}/eng@${this.date}`;
    const fm = this.doc.treaty.frontMatter;
    const author = typeof fm.data.author === 'string' ? fm.data.author : 'The negotiating States';
    const o = this.out;
    o.push('<meta>\n<identification source="#treatymark">\n');
    o.push(`<FRBRWork><FRBRthis value="${attr(`${this.work}/${component}`)}"/><FRBRuri value="${attr(this.work)}"/>`);
    o.push(`<FRBRdate date="${this.date}" name="draft"/><FRBRauthor href="#author"/><FRBRcountry value="un"/>`);
    if (this.doc.symbol) o.push(`<FRBRnumber value="${attr(this.doc.symbol)}"/>`);
    o.push(`<FRBRname value="${attr(this.doc.shortTitle ?? this.doc.title)}"/></FRBRWork>\n`);
    o.push(`<FRBRExpression><FRBRthis value="${attr(`${expr}/${component}`)}"/><FRBRuri value="${attr(expr)}"/>`);
    o.push(`<FRBRdate date="${this.date}" name="draft"/><FRBRauthor href="#author"/><FRBRlanguage language="eng"/></FRBRExpression>\n`);
    o.push(`<FRBRManifestation><FRBRthis value="${attr(`${expr}/${component}.xml`)}"/><FRBRuri value="${attr(`${expr}.akn`)}"/>`);
    o.push(`<FRBRdate date="${this.generated}" name="generation"/><FRBRauthor href="#treatymark"/></FRBRManifestation>\n`);
    o.push('</identification>\n');
    if (this.doc.status) o.push(`<publication date="${this.date}" name="${attr(this.doc.status)}" showAs="${attr(this.doc.status)}"/>\n`);
    o.push('<references source="#treatymark">\n');
    const id = (s: string) => (prefix ? `${prefix}__${s}` : s);
    o.push(`<TLCOrganization eId="${id('treatymark')}" href="/akn/ontology/organization/treatymark" showAs="Treatymark"/>\n`);
    o.push(`<TLCOrganization eId="${id('author')}" href="/akn/ontology/organization/${slug(author) || 'author'}" showAs="${attr(author)}"/>\n`);
    if (!prefix) {
      for (const t of this.doc.terms) {
        o.push(`<TLCTerm eId="${t.id}" href="/akn/ontology/term/${t.id.slice(5)}" showAs="${attr(t.definition.term)}"/>\n`);
      }
    }
    o.push('</references>\n</meta>\n');
  }

  private preface(): void {
    const d = this.doc;
    this.out.push(`<preface>\n<longTitle><p><docTitle>${esc(d.title)}</docTitle></p></longTitle>\n`);
    if (d.symbol) this.out.push(`<p class="symbol"><docNumber>${esc(d.symbol)}</docNumber></p>\n`);
    if (d.status) this.out.push(`<p class="status"><docStatus>${esc(d.status)}</docStatus></p>\n`);
    this.paras(d.front, 'preface');
    this.out.push('</preface>\n');
  }

  private preamble(node: DocNode): void {
    this.out.push('<preamble>\n');
    // The schema wants something in a preamble: an empty heading gets an empty paragraph.
    this.paras(
      node.paras.filter((p) => p.role !== 'formula'),
      node.eId,
      node.paras.length === 0 && node.children.length === 0,
    );
    if (node.children.length) {
      this.out.push(`<recitals eId="${node.eId}__recs">\n`);
      for (const r of node.children) {
        this.out.push(`<recital eId="${r.eId}">`);
        if (r.num) this.out.push(`<num>${esc(r.num)}</num>`);
        this.paras(r.paras, r.eId, true);
        this.out.push('</recital>\n');
      }
      this.out.push('</recitals>\n');
    }
    const formula = node.paras.filter((p) => p.role === 'formula');
    if (formula.length) {
      this.out.push('<formula name="enactingFormula">');
      this.paras(formula, `${node.eId}__formula`);
      this.out.push('</formula>\n');
    }
    this.out.push('</preamble>\n');
  }

  /** A unit of the hierarchy: its number, heading, own text (intro or content) and children. */
  private node(n: DocNode): void {
    const el = ELEMENT[n.kind] ?? 'hcontainer';
    const name = el === 'hcontainer' ? ` name="${n.kind === 'noteGroup' ? 'noteGroup' : n.kind}"` : '';
    this.out.push(`<${el} eId="${n.eId}"${name}>`);
    if (n.num) this.out.push(`<num>${this.inlines([{ t: 'text', text: n.num }], n.eId)}</num>`);
    if (n.heading.length && n.kind !== 'preamble') this.out.push(`<heading>${this.inlines(n.heading, n.eId)}</heading>`);
    this.out.push('\n');
    if (n.children.length) {
      if (n.paras.length) {
        this.out.push(`<intro>`);
        this.paras(n.paras, `${n.eId}__intro`, true);
        this.out.push('</intro>\n');
      }
      for (const c of n.children) this.node(c);
    } else {
      this.out.push('<content>');
      this.paras(n.paras, `${n.eId}__content`, true);
      this.out.push('</content>\n');
    }
    this.out.push(`</${el}>\n`);
  }

  private annex(n: DocNode): void {
    this.out.push(`<attachment eId="${n.eId}">\n<doc name="annex">\n`);
    this.meta(`!${n.eId}`, n.eId);
    this.out.push(`<preface><longTitle><p>${esc([n.num, n.title].filter(Boolean).join(' '))}</p></longTitle></preface>\n<mainBody>\n`);
    this.paras(n.paras, n.eId);
    for (const c of n.children) this.node(c);
    if (!n.paras.length && !n.children.length) this.out.push('<p/>\n');
    this.out.push('</mainBody>\n</doc>\n</attachment>\n');
  }

  /** The interpretative notes: a component of the treaty, each group headed by the references it interprets. */
  private notes(n: DocNode): void {
    this.out.push(`<components>\n<component eId="${n.eId}">\n<doc name="interpretativeNotes">\n`);
    this.meta('!interpretativeNotes', n.eId);
    this.out.push(`<preface><longTitle><p>${esc(n.title || 'Interpretative notes')}</p></longTitle></preface>\n<mainBody>\n`);
    this.paras(n.paras, n.eId);
    for (const c of n.children) this.node(c);
    if (!n.paras.length && !n.children.length) this.out.push('<p/>\n');
    this.out.push('</mainBody>\n</doc>\n</component>\n</components>\n');
  }

  /** Paragraphs as `<p>`; at least one where the schema needs a block. */
  private paras(paras: Para[], scope: string, required = false): void {
    if (paras.length === 0 && required) this.out.push('<p/>');
    for (const p of paras) this.out.push(`<p${p.role === 'title' ? ' class="title"' : ''}>${this.inlines(p.content, scope)}</p>`);
  }

  private nextId(scope: string, ref: string): string {
    const key = `${scope}__${ref}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return `${key}_${n}`;
  }

  private inlines(nodes: readonly Inline[], scope: string): string {
    let s = '';
    for (const n of nodes) s += this.inline(n, scope);
    return s;
  }

  private inline(n: Inline, scope: string): string {
    return renderInline(n, this.markup(scope), () => ('c' in n ? this.inlines(n.c, scope) : ''));
  }

  /** Akoma Ntoso's inline elements; eIds are numbered within `scope`. */
  private markup(scope: string): InlineMarkup {
    return {
      text: (n) => esc(n.text),
      em: (_n, inner) => `<i>${inner()}</i>`,
      def: (n, inner) => `<def refersTo="#${n.term.id}">${inner()}</def>`,
      term: (n, inner) => `<term eId="${this.nextId(scope, 'term')}" refersTo="#${n.term.id}">${inner()}</term>`,
      ref: (n, inner) => {
        if (n.kind === 'link' || n.kind === 'external') return `<ref eId="${this.nextId(scope, 'ref')}" href="${attr(n.href!)}">${inner()}</ref>`;
        if (n.kind === 'group') return `<mref eId="${this.nextId(scope, 'mref')}">${inner()}</mref>`;
        if (n.kind === 'placeholder') return `<inline name="placeholderReference">${inner()}</inline>`;
        return inner(); // dangling: names nothing, so it links nowhere
      },
      ins: (_n, inner) => `<ins>${inner()}</ins>`,
      del: (_n, inner) => `<del>${inner()}</del>`,
      mark: (n, inner) => `<inline name="highlight"${n.comment ? ` class="comment-${n.comment.n}"` : ''}>${inner()}</inline>`,
      bracket: (n, inner) => `<inline name="bracket"${n.alternative ? ' class="alternative"' : ''}>${inner()}</inline>`,
      comment: (n) => `<remark eId="${this.nextId(scope, 'remark')}" class="comment-${n.comment.n}">${esc(n.comment.text)}</remark>`,
      fn: (n) => {
        const id = this.nextId(scope, 'authorialNote');
        return `<authorialNote eId="${id}" marker="${attr(n.note.label)}" placement="bottom"><p>${this.inlines(n.note.content, id)}</p></authorialNote>`;
      },
    };
  }
}

function frontMatterDate(data: Record<string, unknown>): string | undefined {
  const v = data.date ?? data.adopted;
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.trim() : undefined;
  return s && isIsoDate(s) ? s : undefined;
}

function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-') return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

export function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function attr(s: string): string {
  return esc(s).replaceAll('"', '&quot;');
}
