// `--format text`: the correspondence table (old → new, status), a summary, then each changed
// article with its word changes in context, `[-old-]{+new+}` as `git diff --word-diff` writes them.
import type { ArticleRow, Comparison } from '../compare';
import { articleNumber, changeAt, placeOf, statusWords } from '../labels';
import { isNote, type Op, type Token } from '../words';

/** Words of context on each side of a change; changes closer than twice that share a line. */
const CONTEXT = 5;

export function renderText(c: Comparison): string {
  const out: string[] = [];
  const s = c.summary;
  out.push(`Comparing ${c.old.name} (${s.articles.old} articles) with ${c.new.name} (${s.articles.new} articles)`, '');
  const num = (row: ArticleRow, side: 'old' | 'new') => (row[side] ? articleNumber(row[side]!) : '—');
  const w = Math.max(3, ...c.articles.flatMap((r) => [num(r, 'old').length, num(r, 'new').length]));
  const statusWidth = Math.max(6, ...c.articles.map((r) => statusWords(r).length));
  out.push(`${'Old'.padStart(w)}    ${'New'.padEnd(w)}  ${'Status'.padEnd(statusWidth)}  Title`);
  for (const row of c.articles) {
    const title = (row.new ?? row.old)!.title ?? '';
    out.push(`${num(row, 'old').padStart(w)} →  ${num(row, 'new').padEnd(w)}  ${statusWords(row).padEnd(statusWidth)}  ${title}${movedNote(row)}`.trimEnd());
  }
  out.push('', summaryLine(c), '');
  for (const row of c.articles) {
    if (row.status !== 'changed') continue;
    out.push(`Article ${articleNumber(row.old!)} → ${articleNumber(row.new!)}. ${row.new!.title ?? ''}`.trimEnd());
    for (const line of changeLines(c, row)) out.push(`  ${line}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function summaryLine(c: Comparison): string {
  const s = c.summary;
  const p = s.paragraphs;
  return [
    `${s.matched} articles matched (${s.unchanged} unchanged, ${s.changed} changed), ${s.added} added, ${s.deleted} deleted; ${s.renumbered} renumbered, ${s.moved} moved.`,
    `Paragraphs and subparagraphs of matched articles: ${p.matched} matched (${p.changed} changed), ${p.added} added, ${p.deleted} deleted; ${p.renumbered} renumbered.`,
  ].join('\n');
}

function movedNote(row: ArticleRow): string {
  if (!row.moved) return '';
  const from = placeOf(row.old!);
  const to = placeOf(row.new!);
  return from && to && from !== to ? `  (moved from ${from} to ${to})` : '  (moved)';
}

/** One line per cluster of nearby changes: "2 (b): …context [-old-]{+new+} context…". */
function changeLines(c: Comparison, row: ArticleRow): string[] {
  const ops = row.ops;
  const real = (op: Op) => op.type === 'change' && op.old.concat(op.new).some((t) => !isNote(t));
  const lines: string[] = [];
  let k = 0;
  while (k < ops.length) {
    if (!real(ops[k])) {
      k++;
      continue;
    }
    const first = ops[k];
    let body = '';
    let end = k;
    for (;;) {
      body += marked(c, ops[end]);
      const gap = ops[end + 1];
      const next = ops[end + 2];
      if (!gap || !next || !real(next) || gap.type !== 'equal' || words(gap.new) > 2 * CONTEXT || breaks(gap.new)) break;
      body += equalText(c, gap.new);
      end += 2;
    }
    const before = context(c, ops[k - 1], 'end');
    const after = context(c, ops[end + 1], 'start');
    const at = changeAt(c, row, first);
    lines.push(`${at ? `${at}: ` : ''}${before}${body}${after}`.trim());
    k = end + 1;
  }
  return lines;
}

function marked(c: Comparison, op: Op): string {
  const text = (side: 'old' | 'new', tokens: Token[]) => tokens.filter((t) => !isNote(t)).map((t) => (t.kind === 'space' ? ' ' : c[side].treaty.text.slice(t.start, t.end))).join('');
  const a = text('old', op.old);
  const b = text('new', op.new);
  return `${a.trim() ? `[-${a}-]` : ''}${b.trim() ? `{+${b}+}` : ''}`;
}

/** The text of equal tokens on one line: white space as one space. */
function equalText(c: Comparison, tokens: Token[]): string {
  return tokens.filter((t) => !isNote(t)).map((t) => (t.kind === 'space' ? ' ' : c.new.treaty.text.slice(t.start, t.end))).join('');
}

const words = (tokens: Token[]) => tokens.filter((t) => t.kind !== 'space' && !isNote(t)).length;
const breaks = (tokens: Token[]) => tokens.some((t) => t.key === '\n');

/** A few words of the equal text next to a change, not past a line break. */
function context(c: Comparison, op: Op | undefined, side: 'start' | 'end'): string {
  if (!op || op.type !== 'equal') return '';
  const tokens = op.new.filter((t) => !isNote(t));
  const order = side === 'end' ? [...tokens].reverse() : tokens;
  const taken: Token[] = [];
  let count = 0;
  let cut = false;
  for (const t of order) {
    if (t.key === '\n') break;
    if (t.kind !== 'space' && ++count > CONTEXT) {
      cut = true;
      break;
    }
    taken.push(t);
  }
  const text = equalText(c, side === 'end' ? taken.reverse() : taken);
  if (!text.trim()) return '';
  return side === 'end' ? `${cut ? '…' : ''}${text}` : `${text}${cut ? '…' : ''}`;
}
