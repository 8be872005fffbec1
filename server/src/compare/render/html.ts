// `--format html`: a synoptic page — the correspondence table on top, then old and new side by
// side, article by article, deletions and insertions highlighted — that prints on A4. One
// self-contained file: no script, no external resource; styles in one <style> element that a
// webview's Content-Security-Policy can admit by nonce.
import type { ArticleRow, Comparison, Piece } from '../compare';
import { articleNumber, placeOf, statusWords } from '../labels';
import { summaryLine } from './text';
import { isNote, type Op, type Token } from '../words';

export interface HtmlOptions {
  /** A Content-Security-Policy for the page (a webview's), with the nonce its <style> carries. */
  csp?: { policy: string; nonce: string };
  /** Where a link to an article of either text goes (a command URI in the editor); none by default. */
  link?: (target: { side: 'old' | 'new'; line: number } | { diff: number }) => string;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5em; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.4em; margin: 0 0 .2em; }
p.summary { white-space: pre-line; }
table { border-collapse: collapse; width: 100%; }
table.correspondence td, table.correspondence th { border-bottom: 1px solid #ddd; padding: .15em .5em; text-align: left; vertical-align: top; }
table.correspondence td.num { text-align: right; white-space: nowrap; }
tr.added td { background: #e6f4ea; } tr.deleted td { background: #fce8e6; }
table.synopsis { table-layout: fixed; margin-top: 1.5em; }
table.synopsis td { width: 50%; vertical-align: top; padding: .4em .8em; border-top: 1px solid #bbb; white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif; }
table.synopsis th { text-align: left; padding: .8em .8em .2em; font-weight: 600; border-top: 2px solid #888; }
del { background: #fbd0cc; text-decoration: line-through; }
ins { background: #c9ecd4; text-decoration: none; }
.renumbered { background: #e8eaf6; border-bottom: 1px dotted #3949ab; }
.note { color: #777; font-size: .85em; }
.absent { color: #888; font-style: italic; font-family: system-ui, sans-serif; }
.status { font-weight: normal; color: #555; }
@media print { body { margin: 0; font-size: 10pt; } tr { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
@media (prefers-color-scheme: dark) { body { color: #ddd; background: #1e1e1e; } del { background: #5c2b29; } ins { background: #1e4d2b; } .renumbered { background: #283046; } tr.added td { background: #1e3524; } tr.deleted td { background: #3d2423; } }
`;

export function renderHtml(c: Comparison, options: HtmlOptions = {}): string {
  const out: string[] = [];
  const title = `${c.old.name} → ${c.new.name}`;
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  if (options.csp) out.push(`<meta http-equiv="Content-Security-Policy" content="${esc(options.csp.policy)}">`);
  out.push(`<title>${esc(title)}</title>`, `<style${options.csp ? ` nonce="${esc(options.csp.nonce)}"` : ''}>${STYLE}</style>`, '</head>', '<body>');
  out.push(`<h1>${esc(title)}</h1>`, `<p class="summary">${esc(summaryLine(c))}</p>`);
  out.push(correspondence(c, options));
  out.push(synopsis(c));
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

function rowId(c: Comparison, row: ArticleRow): string {
  return `article-${c.articles.indexOf(row)}`;
}

function correspondence(c: Comparison, options: HtmlOptions): string {
  const out = ['<table class="correspondence">', '<thead><tr><th>Old</th><th>New</th><th>Status</th><th>Title</th></tr></thead>', '<tbody>'];
  c.articles.forEach((row, k) => {
    const num = (side: 'old' | 'new') => {
      const u = row[side];
      if (!u) return '—';
      const label = esc(articleNumber(u));
      const line = c[side].treaty.lines.positionAt(u.anchorSpan.start).line + 1;
      return options.link ? `<a href="${esc(options.link({ side, line }))}" title="Open article ${label} of ${esc(c[side].name)}">${label}</a>` : label;
    };
    const moved = row.moved && row.old && row.new && placeOf(row.old) !== placeOf(row.new) ? ` (from ${esc(placeOf(row.old) ?? '')} to ${esc(placeOf(row.new) ?? '')})` : '';
    const diff = options.link && row.status === 'changed' ? ` · <a href="${esc(options.link({ diff: k }))}">diff</a>` : '';
    out.push(
      `<tr class="${row.status}"><td class="num">${num('old')}</td><td class="num">${num('new')}</td><td><a href="#${rowId(c, row)}">${esc(statusWords(row))}</a>${moved}${diff}</td><td>${esc((row.new ?? row.old)!.title ?? '')}</td></tr>`,
    );
  });
  out.push('</tbody>', '</table>');
  return out.join('\n');
}

function synopsis(c: Comparison): string {
  const out = ['<table class="synopsis">', `<thead><tr><th>${esc(c.old.name)}</th><th>${esc(c.new.name)}</th></tr></thead>`, '<tbody>'];
  // The text between articles (preamble, chapter headings, notes) gathers into one row.
  let between: Piece[] = [];
  const flush = () => {
    const ops = between.map((p) => (p.type === 'text' ? p.op : undefined)).filter((op): op is Op => !!op);
    between = [];
    const [a, b] = columns(c, ops);
    if (a.trim() || b.trim()) out.push(`<tr><td>${a.trim()}</td><td>${b.trim()}</td></tr>`);
  };
  for (const piece of c.pieces) {
    if (piece.type === 'text') {
      between.push(piece);
      continue;
    }
    flush();
    const row = piece.row;
    const heading = (side: 'old' | 'new') => (row[side] ? `Article ${esc(articleNumber(row[side]!))}` : '—');
    if (piece.side === 'old' && row.status !== 'deleted') {
      const target = c.articles.indexOf(row);
      out.push(`<tr><td><span class="absent">Article ${esc(articleNumber(row.old!))} stood here; it is now <a href="#article-${target}">article ${esc(articleNumber(row.new!))}</a>.</span></td><td></td></tr>`);
      continue;
    }
    out.push(`<tr id="${rowId(c, row)}"><th>${heading('old')} → ${heading('new')} <span class="status">${esc(statusWords(row))}</span></th><th></th></tr>`);
    if (piece.side === 'old') out.push(`<tr><td><del>${tokensHtml(c, 'old', row.tokens.old)}</del></td><td><span class="absent">(deleted)</span></td></tr>`);
    else if (piece.side === 'new' && !row.old) out.push(`<tr><td><span class="absent">(added)</span></td><td><ins>${tokensHtml(c, 'new', row.tokens.new)}</ins></td></tr>`);
    else {
      const [a, b] = columns(c, row.ops);
      out.push(`<tr><td>${a}</td><td>${b}</td></tr>`);
    }
  }
  flush();
  out.push('</tbody>', '</table>');
  return out.join('\n');
}

/** The old and the new column of a run of differences. */
function columns(c: Comparison, ops: Op[]): [string, string] {
  let a = '';
  let b = '';
  for (const op of ops) {
    if (op.type === 'equal') {
      op.old.forEach((t, i) => {
        const before = tokenHtml(c, 'old', t);
        const after = tokenHtml(c, 'new', op.new[i]);
        if (c.old.treaty.text.slice(t.start, t.end) === c.new.treaty.text.slice(op.new[i].start, op.new[i].end)) {
          a += before;
          b += after;
        } else {
          // The same unit under another number.
          a += `<span class="renumbered" title="renumbered">${before}</span>`;
          b += `<span class="renumbered" title="renumbered">${after}</span>`;
        }
      });
    } else {
      if (op.old.length) a += `<del>${tokensHtml(c, 'old', op.old)}</del>`;
      if (op.new.length) b += `<ins>${tokensHtml(c, 'new', op.new)}</ins>`;
    }
  }
  return [a, b];
}

function tokensHtml(c: Comparison, side: 'old' | 'new', tokens: Token[]): string {
  return tokens.map((t) => tokenHtml(c, side, t)).join('');
}

function tokenHtml(c: Comparison, side: 'old' | 'new', t: Token): string {
  const raw = esc(c[side].treaty.text.slice(t.start, t.end));
  return isNote(t) ? `<span class="note">${raw}</span>` : raw;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
