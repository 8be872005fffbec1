// `npm run bench`: every figure of the performance brief, against its target, in one run.
//   (1) analysis (analyse + check) of examples/convention.treaty, and a one-character edit
//       analysed by difference (model/incremental.ts) to its findings, in-process
//   (2) the same on generated treaties 10× and 100× its size, and how each cost grows per MB
//   (3) through the protocol against dist/server.js, on the convention, 10× and 100×: an edit
//       after a pause and the last key of a burst to diagnostics, requests, renumbering
//   (4) peak RSS of the server with each document open
//   (5) vscode-markdown-languageservice on the same text rendered as Markdown, in turns with our
//       edit → diagnostics
// Prints a table and writes bench/results.json (machine, load averages, every figure).
// Options (any of them but --wait-quiet makes a partial run: results.json is not written):
//   --quick                 fewer iterations, to try the harness
//   --only=core,import,protocol,markdown   some parts only; --no-100x skips the 100× document
//   --protocol-docs=1x,10x,100x  some documents through the protocol
//   --profile-server=DIR    the server processes write CPU profiles (node --cpu-prof) to DIR
//   --server-args="…"       node options for the server processes (to try V8 settings)
//   --wait-quiet[=SECONDS]  wait until the load average is below the core count (shared machines)
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyse } from '../server/src/model/analyse';
import { coreBench, editBench, measure, type Stats } from './core';
import { importFile } from '../server/src/import';
import { editPoint, generateTreaty } from './generate';
import { MarkdownSide, toMarkdown } from './markdown';
import { OursSide } from './ours';
import { protocolBench, type ProtocolResult } from './protocol';
import { measureInTurns, settle, summarise } from './timing';

const ROOT = path.resolve(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
const skip100 = process.argv.includes('--no-100x');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (part: string) => !only || only.includes(part);
/** `--profile-server=DIR`: the server processes write CPU profiles there (node --cpu-prof). */
const profileDir = process.argv.find((a) => a.startsWith('--profile-server='))?.slice('--profile-server='.length);
/** `--server-args="--max-semi-space-size=4 …"`: node options for the server processes (to try V8 settings). */
const serverArgs = process.argv.find((a) => a.startsWith('--server-args='))?.slice('--server-args='.length).split(/\s+/).filter(Boolean) ?? [];
const nodeArgs = [...serverArgs, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])];
const n = (full: number, fast: number) => (quick ? fast : full);

const log = (m: string) => process.stderr.write(`${m}\n`);
const ms = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x < 10 ? `${x.toFixed(2)} ms` : x < 100 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);
const mb = (bytes: number) => bytes / (1024 * 1024);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Row {
  section: string;
  figure: string;
  value: string;
  target?: string;
  pass?: boolean;
  /** The number compared with the target, for results.json. */
  measured?: number;
  limit?: number;
}

const rows: Row[] = [];
/** 1-minute load average when each section's measurements began. */
const sectionLoad = new Map<string, number>();
const markLoad = (...sections: string[]) => sections.forEach((sec) => sectionLoad.set(sec, os.loadavg()[0]));
const row = (section: string, figure: string, value: string, target?: { text: string; measured: number; limit: number; lowerIsBetter?: boolean }) => {
  const r: Row = { section, figure, value };
  if (target) {
    r.target = target.text;
    r.measured = round(target.measured);
    r.limit = target.limit;
    r.pass = target.lowerIsBetter === false ? target.measured >= target.limit : target.measured <= target.limit;
  }
  rows.push(r);
};
const pm = (s: Stats) => `${ms(s.median)} / ${ms(s.p95)}`;

function machine() {
  let commit: string | undefined;
  let dirty: boolean | undefined;
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    dirty = execSync('git status --porcelain', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().length > 0;
  } catch {
    // not a git checkout
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    date: new Date().toISOString(),
    commit,
    dirty,
  };
}

/** `--wait-quiet[=SECONDS]`: on a shared machine, wait (up to 5 minutes by default) until the 1-minute load average is below the number of cores. */
async function waitQuiet() {
  const arg = process.argv.find((a) => a === '--wait-quiet' || a.startsWith('--wait-quiet='));
  if (!arg) return;
  const limit = Number(arg.split('=')[1] ?? 300) * 1000;
  const cores = os.cpus().length;
  const until = Date.now() + limit;
  while (os.loadavg()[0] >= cores && Date.now() < until) {
    log(`waiting for a quieter machine: load ${os.loadavg()[0].toFixed(2)} on ${cores} cores`);
    await new Promise((r) => setTimeout(r, 10_000));
  }
}

const DOCS: Record<string, string> = { '1x': 'convention', '10x': '10×', '100x': '100×' };

/** The core's rows: first analysis and one edit (incremental) of each document, and how each grows per MB from 1× to 100×. */
function coreRows(core: Record<string, ReturnType<typeof coreBench>>, edits: Record<string, ReturnType<typeof editBench>>) {
  const describe = (k: string) => `${mb(core[k].bytes).toFixed(2)} MB, ${core[k].articles} articles, ${core[k].references} refs`;
  row('core', `analysis, convention (${describe('1x')}) median / p95`, pm(core['1x'].analysis), { text: 'median ≤ 5 ms', measured: core['1x'].analysis.median, limit: 5 });
  row('core', `analysis, 10× (${describe('10x')}) median / p95`, pm(core['10x'].analysis), { text: 'median ≤ 50 ms', measured: core['10x'].analysis.median, limit: 50 });
  if (core['100x']) row('core', `analysis, 100× (${describe('100x')}) median / p95`, pm(core['100x'].analysis));
  for (const k of Object.keys(edits)) row('core', `one-character edit → findings, in-process (incremental), ${DOCS[k]} median / p95`, pm(edits[k].edit));
  if (!core['100x']) return;
  const growth = (what: string, perMB: (k: string) => number) =>
    row('core', `growth of ${what}: ms per MB at 1× → 10× → 100×`, `${perMB('1x').toFixed(2)} → ${perMB('10x').toFixed(2)} → ${perMB('100x').toFixed(2)} ms/MB`, {
      text: 'linear: ms/MB at 100× ≤ 1.5 × at 1×',
      measured: perMB('100x') / perMB('1x'),
      limit: 1.5,
    });
  growth('the first analysis', (k) => core[k].analysis.median / mb(core[k].bytes));
  growth('an edit', (k) => edits[k].edit.median / mb(edits[k].bytes));
}

/** Targets through the protocol, by document (the issue's figures). */
const EDIT_TARGET: Record<string, number> = { '1x': 10, '10x': 20, '100x': 100 };
const RSS_TARGET: Record<string, number> = { '10x': 120, '100x': 900 };

function protocolRows(k: string, p: ProtocolResult) {
  const sec = `protocol ${DOCS[k]}`;
  row(sec, 'start → first diagnostics (spawn, initialize, didOpen)', ms(p.startToFirstDiagnostics));
  row(sec, `one-character edit after a pause → new diagnostics (${p.incrementalSync ? 'incremental' : 'full'} sync) p50 / p95`, pm(p.editToDiagnostics), {
    text: `median ≤ ${EDIT_TARGET[k]} ms`,
    measured: p.editToDiagnostics.median,
    limit: EDIT_TARGET[k],
  });
  row(sec, 'burst of 10 keys 30 ms apart: last key → its diagnostics p50 / p95', pm(p.burst), k === '10x' ? { text: 'median ≤ 60 ms', measured: p.burst.median, limit: 60 } : undefined);
  row(sec, 'one-character edit → fresh outline (documentSymbol, no debounce) p50 / p95', pm(p.editToOutline));
  for (const [label, r] of Object.entries(p.requests)) {
    const hd = k === '10x' && (label.startsWith('hover') || label.startsWith('definition'));
    row(sec, `${label} p50 / p95`, `${pm(r.stats)}  (${r.size} ${label.startsWith('hover') ? 'chars' : 'items'})`, hd ? { text: 'p95 ≤ 2 ms', measured: r.stats.p95, limit: 2 } : undefined);
  }
  row(sec, `renumbering after inserting "Article 7 bis" — ${p.renumber.mode} p50 / p95`, `${pm(p.renumber.stats)}  (${p.renumber.edits} edits)`, k === '10x' ? { text: 'median ≤ 150 ms', measured: p.renumber.stats.median, limit: 150 } : undefined);
  const stages = Object.entries(p.rssStages).map(([k, v]) => `${k} ${v.rss}`).join(', ');
  row(sec, 'server peak RSS (VmHWM) after opening and the requests', `${p.peakRssMB.toFixed(0)} MB`);
  const rss = RSS_TARGET[k];
  row(sec, 'server peak RSS (VmHWM) over the whole session: requests, edits, bursts, renumbering', `${p.peakRssAfterAllMB.toFixed(0)} MB (RSS MB after each stage: ${stages})`, rss ? { text: `≤ ${rss} MB`, measured: p.peakRssAfterAllMB, limit: rss } : undefined);
}

async function main() {
  await waitQuiet();
  const started = performance.now();
  const info = machine();
  const loadStart = os.loadavg();
  log(`Treatymark bench — ${info.cpu}, ${info.cores} cores, node ${info.node}, load ${loadStart.map((x) => x.toFixed(2)).join(' ')}${quick ? ' (--quick)' : ''}`);
  const convention = fs.readFileSync(path.join(ROOT, 'examples', 'convention.treaty'), 'utf8');
  const ten = generateTreaty(convention, 10);
  const results: Record<string, unknown> = { machine: info, quick };

  // ---- (1) (2) core ---------------------------------------------------------------------
  const core: Record<string, ReturnType<typeof coreBench>> = {};
  const edits: Record<string, ReturnType<typeof editBench>> = {};
  if (wants('core')) {
    markLoad('core');
    log('core: convention');
    core['1x'] = coreBench(convention, n(300, 40));
    edits['1x'] = editBench(convention, n(300, 40));
    await settle();
    log('core: 10×');
    core['10x'] = coreBench(ten, n(40, 8));
    edits['10x'] = editBench(ten, n(200, 30));
    await settle();
    if (!skip100) {
      log('core: 100×');
      let hundred: string | undefined = generateTreaty(convention, 100);
      core['100x'] = coreBench(hundred, n(8, 3));
      edits['100x'] = editBench(hundred, n(60, 10));
      hundred = undefined;
      await settle();
    }
    coreRows(core, edits);
    results.core = Object.fromEntries(Object.entries(core).map(([k, v]) => [k, { ...v, msPerMB: round(v.analysis.median / mb(v.bytes)) }]));
    results.edits = Object.fromEntries(Object.entries(edits).map(([k, v]) => [k, { ...v, msPerMB: round(v.edit.median / mb(v.bytes)) }]));
  }

  // ---- import of a Word document (issue 17: under 1 s) ---------------------------------------
  if (wants('import')) {
    markLoad('import');
    log('import: convention.docx');
    const docx = new Uint8Array(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'docx', 'convention.docx')));
    // The first import is what a drafter waits for: nothing of the importer compiled yet.
    const t0 = performance.now();
    const first = importFile(docx, 'convention.docx');
    const cold = performance.now() - t0;
    if (!first.ok) throw new Error(first.message);
    const warm = measure(() => void importFile(docx, 'convention.docx'), { warmup: 2, runs: n(20, 5) });
    row('import', `import of convention.docx (${Math.round(docx.length / 1024)} KB, ${first.stats.autoNumbered} automatic numbers): first / median / p95`, `${ms(cold)} / ${pm(warm)}`, { text: 'first ≤ 1000 ms', measured: cold, limit: 1000 });
    results.import = { bytes: docx.length, first: round(cold), ...warm };
  }

  // ---- (3) (4) protocol --------------------------------------------------------------------
  const protocol: Record<string, ProtocolResult> = {};
  if (wants('protocol')) {
    const server = path.join(ROOT, 'dist', 'server.js');
    if (!fs.existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` first (npm run bench does).');
    const articles = analyse(convention).articles.length;
    const docs = process.argv.find((a) => a.startsWith('--protocol-docs='))?.slice('--protocol-docs='.length).split(',') ?? (skip100 ? ['1x', '10x'] : ['1x', '10x', '100x']);
    const options: Record<string, Parameters<typeof protocolBench>[2]> = {
      '1x': { article: 26, requestWarmup: n(20, 5), requestRuns: n(200, 30), editWarmup: n(10, 2), editRuns: n(60, 10), burstRuns: n(10, 2), renumberRuns: n(10, 3), timeoutMs: 30_000, nodeArgs },
      '10x': { article: 26 + 5 * articles, requestWarmup: n(20, 3), requestRuns: n(100, 15), editWarmup: n(8, 2), editRuns: n(40, 6), burstRuns: n(10, 2), renumberRuns: n(6, 2), timeoutMs: 60_000, nodeArgs },
      '100x': { article: 26 + 50 * articles, requestWarmup: n(5, 1), requestRuns: n(20, 4), editWarmup: n(4, 1), editRuns: n(15, 3), burstRuns: n(5, 1), renumberRuns: n(3, 1), timeoutMs: 600_000, nodeArgs },
    };
    for (const k of ['1x', '10x', '100x'].filter((d) => docs.includes(d))) {
      markLoad(`protocol ${DOCS[k]}`);
      log(`protocol: ${DOCS[k]}`);
      const text = k === '1x' ? convention : k === '10x' ? ten : generateTreaty(convention, 100);
      protocol[k] = await protocolBench(k === '1x' ? 'convention.treaty' : `convention-${k}.treaty`, text, options[k], log);
      await settle();
    }
    for (const [k, p] of Object.entries(protocol)) protocolRows(k, p);
    results.protocol = protocol;
  }

  // ---- (5) Markdown language service -------------------------------------------------------
  if (wants('markdown')) {
    const markdown: Record<string, unknown> = {};
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-bench-md-'));
    try {
      for (const [k, text, runs] of [
        ['1x', convention, n(80, 10)],
        ['10x', ten, n(30, 4)],
      ] as const) {
        markLoad(`vs Markdown ${DOCS[k]}`);
        log(`markdown: ${k}`);
        // The document and the document with one character typed in article 40, alternately.
        const treaty = analyse(text);
        const at = editPoint(treaty);
        const typed = text.slice(0, at) + 'x' + text.slice(at);
        const mdSide = new MarkdownSide(tmp, [toMarkdown(treaty), toMarkdown(analyse(typed))]);
        const oursSide = new OursSide(path.join(tmp, 'treaty.treaty'), [text, typed]);
        const mdCounts = await mdSide.counts();
        const oursCounts = oursSide.counts();
        const [mdStats, oursStats] = await measureInTurns([(i) => mdSide.run(i), (i) => oursSide.run(i)], { warmup: Math.max(3, Math.floor(runs / 2)), runs });
        mdSide.dispose();
        await settle();
        const md = { ...mdCounts, stats: mdStats };
        const outline = summarise(oursSide.outlineTimes.slice(-runs));
        const ours = { ...oursCounts, stats: oursStats, outline };
        const ratio = md.stats.median / ours.stats.median;
        markdown[k] = { markdown: md, ours, ratio };
        const sec = `vs Markdown ${DOCS[k]}`;
        row(sec, `vscode-markdown-languageservice after an edit: symbols + link diagnostics (${md.symbols} symbols, ${md.links} links, ${md.diagnostics} diagnostics) p50 / p95`, pm(md.stats));
        row(sec, `Treatymark in-process, in turns with it: edit → diagnostics (${ours.diagnostics} diagnostics) p50 / p95`, pm(ours.stats));
        row(sec, `Treatymark in-process: the outline after the edit (${ours.symbols} symbols), timed apart p50 / p95`, pm(outline));
        const p = protocol[k];
        if (p) row(sec, 'Treatymark through the protocol (above): edit → diagnostics p50, and Markdown ÷ it', `${ms(p.editToDiagnostics.median)}, ${(md.stats.median / p.editToDiagnostics.median).toFixed(1)}×`);
        row(sec, 'ratio Markdown analysis ÷ Treatymark edit → diagnostics (in-process medians, measured in turns)', `${ratio.toFixed(1)}×`, k === '10x' ? { text: '≥ 5×', measured: ratio, limit: 5, lowerIsBetter: false } : undefined);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    results.markdown = markdown;
  }

  const loadEnd = os.loadavg();
  results.load = { start: loadStart.map((x) => round(x, 2)), end: loadEnd.map((x) => round(x, 2)) };
  results.seconds = round((performance.now() - started) / 1000, 1);
  results.figures = rows;
  results.sectionLoad = Object.fromEntries([...sectionLoad].map(([k, v]) => [k, round(v, 2)]));
  print(info, loadStart, loadEnd);
  if (!quick && !only && !skip100 && nodeArgs.length === 0 && !process.argv.some((a) => a.startsWith('--protocol-docs='))) {
    fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, (_, v) => (typeof v === 'number' ? round(v) : v), 2) + '\n');
    log('wrote bench/results.json');
  } else log('partial run (--quick, --only, --no-100x, --profile-server or --server-args): bench/results.json not written');
}

function print(info: ReturnType<typeof machine>, loadStart: number[], loadEnd: number[]) {
  const widths = [0, 0, 0];
  const cells = rows.map((r) => [r.figure, r.value, r.target ? `${r.target}  ${r.pass ? 'PASS' : 'MISS'}` : '']);
  for (const c of cells) c.forEach((x, i) => (widths[i] = Math.max(widths[i], x.length)));
  const line = (c: string[]) => `  ${c[0].padEnd(widths[0])}  ${c[1].padEnd(widths[1])}  ${c[2]}`.trimEnd();
  const out: string[] = [];
  out.push(`Treatymark bench · ${info.date} · ${info.cpu} × ${info.cores} · node ${info.node} · commit ${info.commit ?? '?'}${info.dirty ? ' (dirty)' : ''}`);
  out.push(`load average (1/5/15 min): ${loadStart.map((x) => x.toFixed(2)).join(' ')} at start, ${loadEnd.map((x) => x.toFixed(2)).join(' ')} at end`);
  let section = '';
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      const load = sectionLoad.get(section);
      out.push('', `${section}${load !== undefined ? `  (load ${load.toFixed(2)} at start)` : ''}`);
    }
    out.push(line(cells[i]));
  });
  const judged = rows.filter((r) => r.pass !== undefined);
  out.push('', `${judged.filter((r) => r.pass).length} of ${judged.length} targets met${judged.some((r) => !r.pass) ? `; missed: ${judged.filter((r) => !r.pass).map((r) => `${r.section}: ${r.figure.replace(/ (p50|median) \/ p95$/, '')}`).join('; ')}` : ''}.`);
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
