// Hovers, in Markdown: a defined term with its definition, scope and notes; a reference
// with the heading and first lines of what it names and its notes; a heading with its
// notes and how often it is cited; a footnote; a word notes are "with regard to".
import { isWithin } from '../model/notes';
import type { Definition, Note, Reference, Span, Treaty, Unit } from '../model/types';
import { ancestor, describe } from '../model/units';
import { hitAt, type Hit } from './at';
import type { Bundle, View } from '../workspace/bundle';
import { negotiationHover } from './negotiation';
import type { Citation, Project } from '../workspace/project';
import { definedIn, listWords, md, notesOn, notesOnTerm, quote, scopePhrase, snippet, textLines, times, unitTitle } from './text';
import { baseName } from '../workspace/uris';

interface HoverResult {
  markdown: string;
  /** Treaty offsets of what is hovered. */
  span: Span;
}

const MAX_TARGETS = 6;

export function hover(project: Project, view: View, offset: number): HoverResult | undefined {
  const unread = unrecognisedAt(view.treaty, offset);
  if (unread) return unread;
  const hit = hitAt(view.treaty, offset);
  const markdown = hit ? render(project, view, hit) : undefined;
  // Negotiating text (a set, bracketed text, a change, a comment) comes first: it is what is still open.
  const open = negotiationHover(view.treaty, offset);
  if (!open) return markdown && hit ? { markdown, span: hit.span } : undefined;
  return markdown && hit ? { markdown: `${open.markdown}\n\n---\n\n${markdown}`, span: hit.span } : open;
}

/** A citation Treatymark could not read says so, rather than showing nothing. */
function unrecognisedAt(treaty: Treaty, offset: number): HoverResult | undefined {
  const span = treaty.unrecognised.find((s) => s.start <= offset && offset <= s.end);
  if (!span) return undefined;
  const text = treaty.text.slice(span.start, span.end);
  return {
    span,
    markdown: `**"${md(text)}"** — Treatymark cannot read this citation: it is not checked, it has no definition to go to, and renumbering will not update it. Write it in a form Treatymark reads, such as \`article 5\` or \`paragraph 3 (b) of this article\`.`,
  };
}

function render(project: Project, view: View, hit: Hit): string | undefined {
  const treaty = view.treaty;
  switch (hit.kind) {
    case 'definition':
    case 'use':
      return termHover(treaty, hit.definition);
    case 'reference':
      return referenceHover(project, view.bundle, hit.ref, hit.number?.span);
    case 'footnoteRef':
    case 'footnoteDef': {
      const f = hit.footnote;
      if (!f.textSpan) return `**Footnote ${md(f.label)}** — no text yet: add a line \`[^${f.label}]: …\`.`;
      const body = treaty.text.slice(f.textSpan.start, f.textSpan.end).trim();
      const uses = hit.kind === 'footnoteDef' ? `\n\n*Referred to ${times(f.refs.length)}.*` : '';
      return `**Footnote ${md(f.label)}**\n\n${md(body)}${uses}`;
    }
    case 'unit':
      return unitHover(project, view.bundle, hit.unit);
    case 'regarding': {
      const notes = hit.groups.flatMap((g) => g.notes);
      const where = listWords(hit.groups.map((g) => g.unit.title ?? '').filter(Boolean));
      return [`**"${md(hit.term)}"** — interpretative notes with regard to this term (${md(where)})`, renderNotes(treaty, notes)].join('\n\n');
    }
  }
}

function termHover(treaty: Treaty, d: Definition): string {
  const parts: string[] = [];
  const others = d.group.filter((g) => g !== d && !g.alternativeOf).map((g) => `"${g.term}"`);
  const flags = [d.pending ? 'pending: its meaning is still to be agreed' : '', d.alternativeOf ? `one of the alternatives of "${d.alternativeOf.term}"` : '', others.length ? `defined together with ${others.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  parts.push(`**${md(d.term)}** — defined term${flags ? ` (${md(flags)})` : ''}`);
  parts.push(`*Defined in ${md(definedIn(d))}; ${md(scopePhrase(treaty, d))}. Used ${times(d.uses.length)}.*`);
  const lines = textLines(treaty, d.unit, true);
  if (lines.length > 0) parts.push(quote(lines));
  const notes = notesOnTerm(treaty, d);
  if (notes.length > 0) parts.push(renderNotes(treaty, notes));
  return parts.join('\n\n');
}

function referenceHover(project: Project, bundle: Bundle, ref: Reference, numberSpan: Span | undefined): string {
  if (ref.kind === 'placeholder') return `**${md(ref.text)}** — placeholder reference: the number is still to be filled in.`;
  if (ref.kind === 'external') {
    const ext = project.externals(bundle).find((e) => e.ref === ref);
    const title = ext?.instrument.title ?? ref.instrument ?? ref.instrumentKey ?? 'another instrument';
    if (!ext?.resolution || !ext.target) {
      const file = ext?.instrument.file ? ` The file \`${ext.instrument.file}\` named for it cannot be read.` : '';
      return `**${md(ref.text)}** — a reference to another instrument: *${md(title)}*.${file}`;
    }
    const res = ext.resolution;
    const focus = numberSpan ? res.numbers.find((n) => n.span.start === numberSpan.start)?.unit : undefined;
    const head = `**${md(ref.text)}** — in *${md(title)}* (\`${md(baseName(ext.target.main.uri))}\`)`;
    const missing = res.missing.length ? `\n\n**Names nothing there:** ${md(res.missing.map((m) => m.description).join(', '))}.` : '';
    return [head + missing, ...targetBlocks(ext.target, focus ? [focus] : res.targets)].join('\n\n---\n\n');
  }
  const number = numberSpan ? ref.numbers.find((n) => n.span.start === numberSpan.start) : undefined;
  const focus = number?.unit ? [number.unit] : ref.targets;
  const blocks: string[] = [];
  if (ref.missing.length > 0) {
    const what = [...new Set(ref.missing.map((m) => m.description))].join(', ');
    blocks.push(`**${md(ref.text)}** — ${md(what)} ${ref.missing.length > 1 ? 'do' : 'does'} not exist in this treaty.`);
  }
  blocks.push(...targetBlocks(bundle, focus));
  return blocks.join('\n\n---\n\n');
}

function targetBlocks(bundle: Bundle, targets: Unit[]): string[] {
  const treaty = bundle.treaty;
  const shown = targets.slice(0, MAX_TARGETS);
  const blocks = shown.map((u) => {
    const parts = [`**${md(unitTitle(u))}**${contextTitle(u)}`];
    const lines = snippet(treaty, u);
    if (lines.length > 0) parts.push(quote(lines));
    const notes = notesOn(treaty, u);
    if (notes.length > 0) parts.push(renderNotes(treaty, notes));
    return parts.join('\n\n');
  });
  if (targets.length > shown.length) blocks.push(`*… and ${targets.length - shown.length} more: ${md(listWords(targets.slice(shown.length).map(describe), 8))}.*`);
  return blocks;
}

/** ` — *Laundering of proceeds of crime*` after `Article 17, paragraph 1`. */
function contextTitle(u: Unit): string {
  if (u.kind === 'article' || !ancestor(u, 'article')) return '';
  const article = ancestor(u, 'article')!;
  return article.title ? ` — *${md(article.title)}*` : '';
}

function unitHover(project: Project, bundle: Bundle, unit: Unit): string {
  const treaty = bundle.treaty;
  const parts = [`**${md(unitTitle(unit))}**${contextTitle(unit)}`];
  if (unit.kind === 'noteGroup') {
    const group = treaty.noteGroups.find((g) => g.unit === unit);
    if (group && group.targets.length > 0) parts.push(`Interprets ${md(listWords(group.targets.map(describe)))}.`);
    return parts.join('\n\n');
  }
  if (unit.kind === 'chapter' || unit.kind === 'part' || unit.kind === 'section' || unit.kind === 'annex') {
    const articles = treaty.articles.filter((a) => isWithin(a, unit));
    if (articles.length > 0) {
      const first = articles[0].number || '(unnumbered)';
      const last = articles[articles.length - 1].number || '(unnumbered)';
      parts.push(articles.length === 1 ? `Article ${md(first)}.` : `${articles.length} articles: ${md(first)} to ${md(last)}.`);
    }
  }
  if (unit.kind === 'note') {
    parts.push(quote(textLines(treaty, unit, true)));
    return parts.join('\n\n');
  }
  const citations = project.citationsOf(bundle, unit);
  if (citations.length === 0) parts.push('*Not cited anywhere.*');
  else {
    parts.push(`*Cited ${times(citations.length)}: ${md(citedFrom(citations))}.*`);
  }
  const notes = notesOn(treaty, unit);
  if (notes.length > 0) parts.push(renderNotes(treaty, notes));
  return parts.join('\n\n');
}

/** `articles 35, 42, 43 and 50, the interpretative notes and resolution.treaty`. */
function citedFrom(citations: Citation[]): string {
  const articles: string[] = [];
  const others: string[] = [];
  const add = (list: string[], s: string) => {
    if (!list.includes(s)) list.push(s);
  };
  for (const c of citations) {
    const a = c.ref.from ? ancestor(c.ref.from, 'article') : undefined;
    if (c.external) add(others, baseName(c.bundle.main.uri));
    else if (a && !a.implicit) add(articles, a.number || '(unnumbered)');
    else if (c.ref.from && (ancestor(c.ref.from, 'notes') || c.ref.from.kind === 'noteGroup')) add(others, 'the interpretative notes');
    else if (c.ref.from?.kind === 'recital' || c.ref.from?.kind === 'preamble') add(others, 'the preamble');
    else add(others, c.ref.from ? describe(c.ref.from) : 'the text');
  }
  const head = articles.length === 0 ? [] : [`article${articles.length > 1 ? 's' : ''} ${listWords(articles, 12)}`];
  return listWords([...head, ...others]);
}

function renderNotes(treaty: Treaty, notes: Note[]): string {
  if (notes.length === 0) return '';
  const blocks = notes.map((n) => {
    const on = n.group.unit.title ? ` (${md(n.group.unit.title)})` : '';
    const text = textLines(treaty, n.unit, true).join(' ');
    const body = text.length > 900 ? `${text.slice(0, 899).trimEnd()}…` : text;
    return `*Interpretative note ${md(n.number)}*${on}: ${md(body)}`;
  });
  return `**Interpretative notes**\n\n${blocks.join('\n\n')}`;
}
