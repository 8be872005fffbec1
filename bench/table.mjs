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
  ['Cost per MB, 1× → 10× → 100×', 'linear', `${(find('core', 'growth')?.value ?? '—').replace(/ ms\/MB.*/, ' ms/MB')}${mark(find('core', 'growth'))}`],
  ['Start → first diagnostics, convention / 10×', '—', `${value('protocol convention', 'start')} / ${value('protocol 10×', 'start')}`],
  ['One-character edit → diagnostics, convention', 'median ≤ 30 ms', judged('protocol convention', 'one-character edit → new')],
  ['One-character edit → diagnostics, 10×', 'median ≤ 100 ms', judged('protocol 10×', 'one-character edit → new')],
  ['Hover on a term / on a reference, 10×', 'p95 ≤ 5 ms', `${judged('protocol 10×', 'hover (term')} · ${judged('protocol 10×', 'hover (reference')}`],
  ['Go to definition, 10×', 'p95 ≤ 5 ms', judged('protocol 10×', 'definition')],
  ['Find references · completion after `article ` · outline, 10×', '—', `${value('protocol 10×', 'references')} · ${value('protocol 10×', 'completion')} · ${value('protocol 10×', 'documentSymbol')}`],
  ['Renumbering after inserting `Article 7 bis`, 10×', 'median ≤ 300 ms', judged('protocol 10×', 'renumbering')],
  ['Server peak RSS, 10× open and the requests', '≤ 150 MB', judged('protocol 10×', 'server peak RSS (VmHWM)')],
  ['Markdown language service ÷ Treatymark, convention / 10×', '> 1', `${judged('vs Markdown convention', 'ratio')} / ${judged('vs Markdown 10×', 'ratio')}`],
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
