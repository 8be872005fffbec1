#!/usr/bin/env node
// Measures the language server as an editor sees it: `node dist/server.js --stdio` started
// as a child process, spoken to over LSP. Prints (does not assert) the figures:
//   start → initialize response, start → first diagnostics of the opened document,
//   latency of hover, definition, references, outline, semantic tokens, completion and
//   code lenses (first request and median / p95 of repeated ones), and edit → diagnostics.
//
// Usage: node scripts/measure-server.mjs [--file examples/convention.treaty] [--runs 50] [--json]
// Build first (npm run build). The bench issue reuses `measure()` from this module.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function args(argv) {
  const out = { file: path.join(ROOT, 'examples', 'convention.treaty'), runs: 50, json: false, server: path.join(ROOT, 'dist', 'server.js') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '--file') out.file = path.resolve(argv[++i]);
    else if (a === '--runs') out.runs = Math.max(1, parseInt(argv[++i], 10) || 1);
    else if (a === '--server') out.server = path.resolve(argv[++i]);
  }
  return out;
}

/** 0-based position of `needle` at or after the first line holding `after`, `skip` lines below it. */
function positionOf(text, needle, after, skip = 0, inNeedle = 2) {
  const lines = text.split(/\r\n|\r|\n/);
  let start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  if (start < 0) return undefined;
  start += skip;
  for (let i = start; i < lines.length; i++) {
    const at = lines[i].indexOf(needle);
    if (at >= 0) return { line: i, character: at + inNeedle };
  }
  return undefined;
}

/** A position on some word of the text, for files other than the convention. */
function anyWord(text, re) {
  const m = re.exec(text);
  if (!m) return { line: 0, character: 0 };
  const before = text.slice(0, m.index).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length + 1 };
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: round(q(0.5)), p95: round(q(0.95)), max: round(s[s.length - 1]) };
}

function round(ms) {
  return Math.round(ms * 100) / 100;
}

export async function measure({ file, runs = 50, server = path.join(ROOT, 'dist', 'server.js') }) {
  if (!fs.existsSync(server)) throw new Error(`${server} not found: run npm run build first`);
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const t0 = performance.now();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = [];
  let onDiagnostics = () => undefined;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri !== uri) return;
    diagnostics.push({ at: performance.now(), version: p.version, count: p.diagnostics.length });
    onDiagnostics(p);
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.listen();
  const waitDiagnostics = (version) =>
    new Promise((resolve) => {
      const found = diagnostics.find((d) => d.version === version);
      if (found) return resolve(found);
      onDiagnostics = (p) => {
        if (p.version === version) resolve(diagnostics[diagnostics.length - 1]);
      };
    });

  const folder = path.dirname(file);
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }],
    capabilities: {
      textDocument: {
        hover: { contentFormat: ['markdown'] },
        definition: { linkSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: { versionSupport: true },
      },
      workspace: { configuration: true, workspaceFolders: true },
    },
  });
  const initialized = performance.now() - t0;
  await conn.sendNotification('initialized', {});
  const opened = performance.now();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text } });
  const first = await waitDiagnostics(1);

  const isConvention = text.includes('## Article 27. Production order');
  const at = {
    hover: (isConvention ? positionOf(text, 'service provider', '## Article 27.', 1) : undefined) ?? anyWord(text, /\bstates?\b/i),
    definition: (isConvention ? positionOf(text, 'traffic data', '## Article 26.', 1) : undefined) ?? anyWord(text, /\barticle \d+/i),
    references: (isConvention ? positionOf(text, '40', '## Article 40.', 0, 1) : undefined) ?? anyWord(text, /^## Article \d+/m),
    completion: { line: 0, character: 0 },
  };
  const doc = { textDocument: { uri } };
  const requests = {
    hover: () => conn.sendRequest('textDocument/hover', { ...doc, position: at.hover }),
    definition: () => conn.sendRequest('textDocument/definition', { ...doc, position: at.definition }),
    references: () => conn.sendRequest('textDocument/references', { ...doc, position: at.references, context: { includeDeclaration: false } }),
    documentSymbol: () => conn.sendRequest('textDocument/documentSymbol', doc),
    semanticTokens: () => conn.sendRequest('textDocument/semanticTokens/full', doc),
    foldingRange: () => conn.sendRequest('textDocument/foldingRange', doc),
    codeLens: () => conn.sendRequest('textDocument/codeLens', doc),
    completion: () => conn.sendRequest('textDocument/completion', { ...doc, position: at.definition, context: { triggerKind: 1 } }),
  };
  const latency = {};
  for (const [name, send] of Object.entries(requests)) {
    const s = performance.now();
    await send();
    const firstMs = performance.now() - s;
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await send();
      samples.push(performance.now() - t);
    }
    latency[name] = { first: round(firstMs), ...stats(samples) };
  }

  // Edit → diagnostics: type one character at the end of a line, then take it back.
  const editSamples = [];
  const lines = text.split(/\r\n|\r|\n/);
  const line = Math.floor(lines.length / 2);
  let version = 1;
  for (let i = 0; i < Math.min(runs, 20); i++) {
    const insert = i % 2 === 0;
    const end = lines[line].length;
    const change = insert
      ? { range: { start: { line, character: end }, end: { line, character: end } }, text: 'x' }
      : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' };
    version++;
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await waitDiagnostics(version);
    editSamples.push(performance.now() - t);
  }

  await conn.sendRequest('shutdown').catch(() => undefined);
  await conn.sendNotification('exit').catch(() => undefined);
  conn.dispose();
  setTimeout(() => child.kill(), 500).unref();

  return {
    file: path.relative(ROOT, file),
    bytes: Buffer.byteLength(text),
    lines: lines.length,
    node: process.version,
    startToInitializeMs: round(initialized),
    startToFirstDiagnosticsMs: round(first.at - t0),
    openToFirstDiagnosticsMs: round(first.at - opened),
    firstDiagnostics: first.count,
    latencyMs: latency,
    editToDiagnosticsMs: { ...stats(editSamples), note: 'includes the 40 ms debounce of diagnostics' },
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const opts = args(process.argv.slice(2));
  const result = await measure(opts);
  if (opts.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else {
    const out = [];
    out.push(`${result.file}: ${result.lines} lines, ${result.bytes} bytes (node ${result.node})`);
    out.push(`start → initialize response      ${result.startToInitializeMs} ms`);
    out.push(`start → first diagnostics        ${result.startToFirstDiagnosticsMs} ms (didOpen → diagnostics ${result.openToFirstDiagnosticsMs} ms; ${result.firstDiagnostics} diagnostics)`);
    out.push(`request latency (first · median · p95 · max of ${opts.runs}), ms:`);
    for (const [name, s] of Object.entries(result.latencyMs)) out.push(`  ${name.padEnd(16)} ${String(s.first).padStart(8)} · ${String(s.median).padStart(7)} · ${String(s.p95).padStart(7)} · ${String(s.max).padStart(7)}`);
    const e = result.editToDiagnosticsMs;
    out.push(`edit → diagnostics (median · p95 · max of ${e.n}): ${e.median} · ${e.p95} · ${e.max} ms (${e.note})`);
    process.stdout.write(out.join('\n') + '\n');
  }
}
