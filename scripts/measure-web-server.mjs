#!/usr/bin/env node
// The language server's latencies on the example convention in both of its forms, driven the
// same way through the protocol: dist/web/server.js in a web worker of headless Chromium (as
// on vscode.dev) and dist/server.js in a Node process (as on the desktop). Prints the median
// and p95 of start → first diagnostics, a one-character edit → diagnostics, hover on a term
// and on a reference, go to definition, and the renumbering code action after inserting
// "Article 7 bis" — the figures `npm run bench` holds to its targets for the Node server.
//
// Usage: npm run build && node scripts/measure-web-server.mjs [--runs=50] [--json=<file>]
// Needs Debian's chromium (/usr/bin/chromium), as npm run test:web.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const RUNS = Number(arg('runs', 50));
const text = readFileSync(join(root, 'examples/convention.treaty'), 'utf8');

/**
 * The measurement, one JSON-RPC client over `transport` ({ send(message), onMessage(cb) }).
 * Self-contained: it is also evaluated in the browser page, beside the worker.
 */
async function harness(transport, text, runs) {
  const uri = 'file:///bench/convention.treaty';
  const td = { uri };
  let nextId = 1;
  const pending = new Map();
  const waiters = [];
  const answers = {
    'workspace/configuration': (p) => (p.items ?? []).map(() => null),
    'workspace/applyEdit': () => ({ applied: true }),
    'treatymark/fs/findFiles': () => [],
    'treatymark/fs/readFile': () => null,
  };
  transport.onMessage((m) => {
    if (m.id !== undefined && m.method === undefined) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (p) m.error ? p.reject(new Error(m.error.message)) : p.resolve(m.result);
    } else if (m.id !== undefined) {
      transport.send({ jsonrpc: '2.0', id: m.id, result: answers[m.method] ? answers[m.method](m.params ?? {}) : null });
    } else if (m.method === 'textDocument/publishDiagnostics') {
      for (const w of [...waiters]) if (w.version === m.params.version) (waiters.splice(waiters.indexOf(w), 1), w.resolve(m.params));
    }
  });
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      transport.send({ jsonrpc: '2.0', id, method, params });
    });
  const notify = (method, params) => transport.send({ jsonrpc: '2.0', method, params });
  const diagnosticsOf = (version) => new Promise((resolve) => waiters.push({ version, resolve }));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const lines = text.split('\n');
  const find = (prefix, phrase, from = 0) => {
    const line = lines.findIndex((l, i) => i >= from && l.startsWith(prefix));
    for (let i = line; i < lines.length; i++) {
      const at = lines[i].toLowerCase().indexOf(phrase);
      if (at >= 0) return { line: i, character: at + 1 };
    }
    throw new Error(`${phrase} not found`);
  };
  /** `fn` timed `n` times after 5 warm-ups; `pause` (not timed) before each. */
  const times = async (n, fn, pause = async () => {}) => {
    for (let i = 0; i < 5; i++) await pause().then(fn);
    const out = [];
    for (let i = 0; i < n; i++) {
      await pause();
      const t = performance.now();
      await fn();
      out.push(performance.now() - t);
    }
    return out;
  };

  const t0 = performance.now();
  await request('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
  notify('initialized', {});
  const firstDiagnostics = diagnosticsOf(1);
  notify('textDocument/didOpen', { textDocument: { uri, languageId: 'treaty', version: 1, text } });
  await firstDiagnostics;
  const start = [performance.now() - t0];

  // A drafter's keystroke after a pause (longer than the server's debounce): `x` typed, then deleted.
  let version = 1;
  const at = find('## Article 20.', ' ');
  const edit = await times(Math.max(10, Math.floor(runs / 2)), async () => {
    version++;
    const inserting = version % 2 === 0;
    const range = inserting ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
    const published = diagnosticsOf(version);
    notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: inserting ? 'x' : '' }] });
    await published;
  }, () => sleep(60));
  if (version % 2 === 0) {
    version++;
    const published = diagnosticsOf(version);
    notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }] });
    await published;
  }

  const term = find('## Article 27.', 'service provider');
  const reference = find('(m) "Predicate offence"', 'article 17');
  const number = { line: reference.line, character: reference.character + 'article '.length };
  const hoverTerm = await times(runs, () => request('textDocument/hover', { textDocument: td, position: term }));
  const hoverReference = await times(runs, () => request('textDocument/hover', { textDocument: td, position: number }));
  const definition = await times(runs, () => request('textDocument/definition', { textDocument: td, position: number }));

  // Renumbering: "Article 7 bis" inserted before article 8, the quick fix asked for at its heading.
  const line = lines.findIndex((l) => l.startsWith('## Article 8.'));
  const inserted = '## Article 7 bis. Inserted\n\n1. A paragraph inserted by the measurement.\n\n';
  version++;
  const withBis = diagnosticsOf(version);
  notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: inserted }] });
  const diagnostics = (await withBis).diagnostics.filter((d) => d.range.start.line === line);
  const heading = { start: { line, character: 0 }, end: { line, character: inserted.indexOf('\n') } };
  let edits = 0;
  const renumber = await times(Math.max(10, Math.floor(runs / 5)), async () => {
    const actions = (await request('textDocument/codeAction', { textDocument: td, range: heading, context: { diagnostics, triggerKind: 1 } })) ?? [];
    const action = actions.find((a) => a.title.startsWith('Renumber'));
    if (!action?.edit) throw new Error(`no Renumber action with an edit: ${actions.map((a) => a.title).join(', ')}`);
    edits = Object.values(action.edit.changes ?? {}).reduce((n, l) => n + l.length, 0) + (action.edit.documentChanges ?? []).reduce((n, d) => n + (d.edits?.length ?? 0), 0);
  });
  await request('shutdown', null);
  return { start, edit, hoverTerm, hoverReference, definition, renumber, renumberEdits: edits };
}

// ---------------------------------------------------------------- the two servers

async function inWebWorker() {
  const server = createServer((req, res) => {
    if (req.url === '/server.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(join(root, 'dist/web/server.js')));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><title>Treatymark worker</title>');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    return await page.evaluate(async ([source, text, runs]) => {
      const worker = new Worker('/server.js');
      const transport = {
        send: (m) => worker.postMessage(m),
        onMessage: (cb) => worker.addEventListener('message', (e) => cb(e.data)),
      };
      // eslint-disable-next-line no-eval
      return (0, eval)(`(${source})`)(transport, text, runs);
    }, [harness.toString(), text, RUNS]);
  } finally {
    await browser.close();
    server.close();
  }
}

async function inNodeProcess() {
  const child = spawn(process.execPath, [join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = Buffer.alloc(0);
  const listeners = [];
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      buffer = buffer.subarray(end + 4 + length);
      for (const l of listeners) l(message);
    }
  });
  const transport = {
    send: (m) => {
      const body = Buffer.from(JSON.stringify(m), 'utf8');
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    },
    onMessage: (cb) => listeners.push(cb),
  };
  try {
    return await harness(transport, text, RUNS);
  } finally {
    child.kill();
  }
}

// ---------------------------------------------------------------- report

const stats = (list) => {
  const s = [...list].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: q(0.5), p95: q(0.95), runs: s.length };
};
const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

const web = await inWebWorker();
const node = await inNodeProcess();
const FIGURES = [
  ['start', 'Start → first diagnostics'],
  ['edit', 'One-character edit → diagnostics'],
  ['hoverTerm', 'Hover on a term'],
  ['hoverReference', 'Hover on a reference'],
  ['definition', 'Go to definition'],
  ['renumber', `Renumbering code action (${web.renumberEdits} edits)`],
];
const rows = FIGURES.map(([key, label]) => {
  const [w, n] = [stats(web[key]), stats(node[key])];
  return { figure: label, web: w, node: n };
});
console.log(`The convention (${Math.round(text.length / 1024)} KB), ${RUNS} runs; median / p95 in ms\n`);
console.log('| Figure | Web worker (Chromium) | Node process |');
console.log('|---|---|---|');
for (const r of rows) console.log(`| ${r.figure} | ${fmt(r.web.median)} / ${fmt(r.web.p95)} | ${fmt(r.node.median)} / ${fmt(r.node.p95)} |`);
const json = arg('json');
if (json) writeFileSync(json, JSON.stringify({ runs: RUNS, date: new Date().toISOString(), rows }, null, 2));
