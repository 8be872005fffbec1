// Prints bench/results.json as the Markdown table of the README's "Performance" section:
//   node bench/table.mjs
// (npm run bench writes results.json; this only formats it, so the README can be refreshed
// from the latest run without measuring again.)
import * as fs from 'node:fs';

const results = JSON.parse(fs.readFileSync(new URL('./results.json', import.meta.url), 'utf8'));
const figures = results.figures;
const find = (section, start) => figures.find((f) => f.section === section && f.figure.startsWith(start));
const value = (section, start) => find(section, start)?.value.replace(/\s+\(.*\)$/, '') ?? '—';
const mark = (f) => (f?.pass === undefined ? '' : f.pass ? ' ✓' : ' ✗');
const judged = (section, start) => `${value(section, start)}${mark(find(section, start))}`;

const rows = [
  ['Analysis + checks, convention (136 KB)', 'median ≤ 5 ms', judged('core', 'analysis, convention')],
  ['Analysis + checks, 10× (1.3 MB)', 'median ≤ 50 ms', judged('core', 'analysis, 10×')],
  ['Analysis + checks, 100× (13 MB)', '—', judged('core', 'analysis, 100×')],
  ['One-character edit → findings in-process (incremental), convention / 10× / 100×', '—', ['convention', '10×', '100×'].map((d) => value('core', `one-character edit → findings, in-process (incremental), ${d}`)).join(' · ')],
  ['Cost per MB, 1× → 10× → 100×: first analysis', '100× ≤ 1.5 × 1×', `${(find('core', 'growth of the first analysis')?.value ?? '—')}${mark(find('core', 'growth of the first analysis'))}`],
  ['Cost per MB, 1× → 10× → 100×: an edit', '100× ≤ 1.5 × 1×', `${(find('core', 'growth of an edit')?.value ?? '—')}${mark(find('core', 'growth of an edit'))}`],
  ['Start → first diagnostics, convention / 10× / 100×', '—', `${value('protocol convention', 'start')} / ${value('protocol 10×', 'start')} / ${value('protocol 100×', 'start')}`],
  ['Edit after a pause → diagnostics, convention', 'median ≤ 10 ms', judged('protocol convention', 'one-character edit after a pause')],
  ['Edit after a pause → diagnostics, 10×', 'median ≤ 20 ms', judged('protocol 10×', 'one-character edit after a pause')],
  ['Edit after a pause → diagnostics, 100×', 'median ≤ 100 ms', judged('protocol 100×', 'one-character edit after a pause')],
  ['Burst of 10 keys 30 ms apart, last key → diagnostics, 10×', 'median ≤ 60 ms', judged('protocol 10×', 'burst')],
  ['Hover on a term / on a reference, 10×', 'p95 ≤ 2 ms', `${judged('protocol 10×', 'hover (term')} · ${judged('protocol 10×', 'hover (reference')}`],
  ['Go to definition, 10×', 'p95 ≤ 2 ms', judged('protocol 10×', 'definition')],
  ['Find references · completion after `article ` · outline, 10×', '—', `${value('protocol 10×', 'references')} · ${value('protocol 10×', 'completion')} · ${value('protocol 10×', 'documentSymbol')}`],
  ['Renumbering after inserting `Article 7 bis`, 10×', 'median ≤ 150 ms', judged('protocol 10×', 'renumbering')],
  ['Server peak RSS over the session, 10× open', '≤ 120 MB', judged('protocol 10×', 'server peak RSS (VmHWM) over')],
  ['Server peak RSS over the session, 100× open', '≤ 900 MB', judged('protocol 100×', 'server peak RSS (VmHWM) over')],
  ['Markdown language service ÷ Treatymark edit → diagnostics, convention / 10×', '≥ 5× on 10×', `${value('vs Markdown convention', 'ratio')} / ${judged('vs Markdown 10×', 'ratio')}`],
];

const m = results.machine;
const load = Object.values(results.sectionLoad ?? {});
console.log(`| Figure (median / p95) | Target | ${m.date.slice(0, 10)} |`);
console.log('|---|---|---|');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
console.log();
console.log(
  `${m.cpu}, ${m.cores} cores, Node ${m.node.replace(/^v/, '')}, commit ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''}; ` +
    `1-minute load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the run.`,
);
