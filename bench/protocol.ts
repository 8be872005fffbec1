// Through the protocol: dist/server.js started as an editor starts it (`--stdio`), with a
// workspace folder holding the document, driven by the real LSP client of the protocol tests.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createProtocolConnection, InitializedNotification, InitializeRequest, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { analyse } from '../server/src/model/analyse';
import { editPoint } from './generate';
import { planRenumbering } from '../server/src/edits/renumber';
import type { Reference, Treaty, Unit } from '../server/src/model/types';
import { CAPABILITIES, LspClient, SERVER, tempWorkspace } from '../test/protocol/lsp';
import type { Stats } from './core';
import { measureAsync, measureWith, measureWithAsync, settle, summarise } from './timing';

type Pos = { line: number; character: number };

/** A drafter's pause before a keystroke measured alone, ms: longer than the server's debounce (40 ms at most). */
const PAUSE_MS = 80;
/** The burst: keys typed, and the time between them, ms. */
const BURST_KEYS = 10;
const BURST_INTERVAL_MS = 30;

interface ProtocolOptions {
  /** Value of the article the requests are made in (article 26 of the convention, or its copy). */
  article: number;
  requestWarmup: number;
  requestRuns: number;
  editWarmup: number;
  editRuns: number;
  burstRuns: number;
  renumberRuns: number;
  timeoutMs: number;
  /** Extra node options for the server process (`--cpu-prof`, …). */
  nodeArgs?: string[];
}

interface RequestResult {
  stats: Stats;
  /** Size of the answer (items, locations, characters of a hover). */
  size: number;
}

export interface ProtocolResult {
  file: string;
  bytes: number;
  incrementalSync: boolean;
  /** Spawn → first diagnostics for version 1 (node start, initialize, didOpen, analysis, debounce). */
  startToFirstDiagnostics: number;
  initialize: number;
  openToFirstDiagnostics: number;
  firstDiagnostics: number;
  /** One character typed or deleted in article 40, after a drafter's pause → publishDiagnostics for the new version. */
  editToDiagnostics: Stats;
  /** Ten characters typed 30 ms apart: the last one → publishDiagnostics for its version. */
  burst: Stats;
  /** One character typed → documentSymbol answered (the analysis without the diagnostics debounce). */
  editToOutline: Stats;
  requests: Record<string, RequestResult>;
  renumber: { mode: string; stats: Stats; edits: number; title?: string };
  /** Peak resident set of the server process after opening the document and running the requests, MB. */
  peakRssMB: number;
  /** Peak after the edits and renumbering too, and the current resident set at the end, MB. */
  peakRssAfterAllMB: number;
  rssMB: number;
  /** Resident set (and peak so far) after each stage, MB. */
  rssStages: Record<string, { rss: number; peak: number }>;
  capabilities: { codeAction: boolean; executeCommands: string[] };
}

function readStatus(pid: number): { hwm: number; rss: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
  return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

function articleByValue(treaty: Treaty, value: number): Unit {
  const a = treaty.articles.find((u) => u.value === value && !u.suffix);
  if (!a) throw new Error(`no article ${value}`);
  return a;
}

const inside = (s: { start: number; end: number }, u: Unit) => s.start >= u.span.start && s.end <= u.span.end;

/** Realistic positions in one article: a term use, a number of a reference to an article, a completion point after `article `. */
function positionsIn(treaty: Treaty, value: number) {
  const article = articleByValue(treaty, value);
  const pos = (offset: number): Pos => treaty.lines.positionAt(offset);
  const use = treaty.uses.find((u) => inside(u.span, article));
  const ref = treaty.references.find((r: Reference) => r.kind === 'internal' && inside(r.span, article) && /^articles?\s/i.test(r.text) && r.numbers.some((n) => n.level === 'article' && n.unit));
  if (!use || !ref) throw new Error(`article ${value} has no term use or article reference`);
  const number = ref.numbers.find((n) => n.level === 'article' && n.unit)!;
  const keyword = /^articles?\s+/i.exec(ref.text)![0];
  return {
    term: pos(Math.floor((use.span.start + use.span.end) / 2)),
    termText: treaty.text.slice(use.span.start, use.span.end),
    number: pos(number.span.start + Math.floor((number.span.end - number.span.start) / 2)),
    numberText: ref.text,
    completion: pos(ref.span.start + keyword.length),
  };
}

/**
 * LspClient.start, with node options for the server (LspClient.start runs `node dist/server.js --stdio`
 * as is; --cpu-prof cannot go through NODE_OPTIONS).
 */
async function startClient(folder: string, nodeArgs: string[] = []): Promise<LspClient> {
  if (nodeArgs.length === 0) return LspClient.start({ folders: [folder] });
  const child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const client = Reflect.construct(LspClient as unknown as new (...a: unknown[]) => LspClient, [child, connection, undefined]);
  child.stderr.on('data', (d) => client.logs.push(String(d)));
  connection.listen();
  const folders = [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }];
  client.initializeResult = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: folders[0].uri, workspaceFolders: folders, capabilities: CAPABILITIES });
  await connection.sendNotification(InitializedNotification.type, {});
  return client;
}

export async function protocolBench(name: string, text: string, options: ProtocolOptions, log: (m: string) => void): Promise<ProtocolResult> {
  const ws = tempWorkspace({ [name]: text });
  const uri = ws.uri(name);
  const treaty = analyse(text);
  const positions = positionsIn(treaty, options.article);
  const t0 = performance.now();
  const client = await startClient(ws.dir, options.nodeArgs);
  try {
    const tInit = performance.now();
    await client.open(uri, text, 1);
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1, options.timeoutMs);
    const tFirst = performance.now();
    const rssStages: ProtocolResult['rssStages'] = {};
    const stage = (name: string) => {
      const { hwm, rss } = readStatus(client.child.pid!);
      rssStages[name] = { rss: Math.round(rss), peak: Math.round(hwm) };
    };
    stage('opened');
    const caps = client.initializeResult.capabilities;
    const sync = caps.textDocumentSync;
    const incrementalSync = typeof sync === 'number' ? sync === 2 : sync?.change === 2;
    let version = 1;
    let current = text;
    const td = { uri };

    // ---- requests -------------------------------------------------------------------
    log(`  ${name}: requests`);
    const requests: Record<string, RequestResult> = {};
    const sizeOf = (r: unknown): number => {
      if (r == null) return 0;
      if (Array.isArray(r)) return r.length;
      const o = r as { items?: unknown[]; contents?: { value?: string } };
      if (o.items) return o.items.length;
      if (o.contents?.value) return o.contents.value.length;
      return 1;
    };
    const run = async (label: string, method: string, params: unknown, runs = options.requestRuns) => {
      const answer = await client.request(method, params);
      if (sizeOf(answer) === 0) throw new Error(`${method} answered nothing in ${name} (${JSON.stringify(params)})`);
      const stats = await measureAsync(() => client.request(method, params), { warmup: options.requestWarmup, runs });
      requests[label] = { stats, size: sizeOf(answer) };
    };
    await run(`hover (term "${positions.termText}")`, 'textDocument/hover', { textDocument: td, position: positions.term });
    await run(`hover (reference "${positions.numberText}")`, 'textDocument/hover', { textDocument: td, position: positions.number });
    await run('definition (reference number)', 'textDocument/definition', { textDocument: td, position: positions.number });
    await run('references (of that article)', 'textDocument/references', { textDocument: td, position: positions.number, context: { includeDeclaration: true } });
    await run('completion (after "article ")', 'textDocument/completion', { textDocument: td, position: positions.completion, context: { triggerKind: 2, triggerCharacter: ' ' } });
    await run('documentSymbol (outline)', 'textDocument/documentSymbol', { textDocument: td }, Math.max(10, Math.floor(options.requestRuns / 4)));

    stage('requests');

    // ---- edits --------------------------------------------------------------------
    const at = editPoint(treaty);
    const atPos = treaty.lines.positionAt(at);
    const afterPos = { line: atPos.line, character: atPos.character + 1 };
    const typed = text.slice(0, at) + 'x' + text.slice(at);
    /** Types `x` at the edit point, or deletes it again; returns the new version. */
    const toggle = async (): Promise<number> => {
      const inserting = current === text;
      current = inserting ? typed : text;
      version++;
      const change = incrementalSync
        ? inserting
          ? { range: { start: atPos, end: atPos }, text: 'x' }
          : { range: { start: atPos, end: afterPos }, text: '' }
        : { text: current };
      await client.change(uri, version, [change]);
      return version;
    };
    const diagnosticsOf = (v: number) => client.waitForDiagnostics(uri, (p) => p.version === v, options.timeoutMs);
    log(`  ${name}: edits`);
    // A drafter's pause before each keystroke (not timed): longer than the server's debounce.
    const editToDiagnostics = await measureWithAsync(
      () => settle(PAUSE_MS),
      async () => diagnosticsOf(await toggle()),
      { warmup: options.editWarmup, runs: options.editRuns },
    );
    let pending: Promise<unknown> = Promise.resolve();
    const editToOutline = await measureWithAsync(
      // The debounced publication of the previous edit goes out before the next one (not timed).
      () => pending,
      async () => {
        const v = await toggle();
        await client.request('textDocument/documentSymbol', { textDocument: td });
        pending = diagnosticsOf(v);
      },
      { warmup: options.editWarmup, runs: options.editRuns },
    );
    await diagnosticsOf(version);
    if (current !== text) await diagnosticsOf(await toggle());
    log(`  ${name}: bursts`);
    const burstTimes: number[] = [];
    for (let i = 0; i < options.burstRuns + 1; i++) {
      await settle(PAUSE_MS);
      const t = await typeBurst();
      if (i > 0) burstTimes.push(t);
    }
    const burst = summarise(burstTimes);
    await settle(50);
    stage('edits');

    // ---- renumbering ------------------------------------------------------------------
    log(`  ${name}: renumbering`);
    const renumber = await renumbering();
    stage('renumbering');

    await settle(50);
    const { hwm, rss } = readStatus(client.child.pid!);
    return {
      file: name,
      bytes: Buffer.byteLength(text),
      incrementalSync,
      startToFirstDiagnostics: tFirst - t0,
      initialize: tInit - t0,
      openToFirstDiagnostics: tFirst - tInit,
      firstDiagnostics: first.diagnostics.length,
      editToDiagnostics,
      burst,
      editToOutline,
      requests,
      renumber,
      peakRssMB: rssStages.requests.peak,
      peakRssAfterAllMB: hwm,
      rssMB: rss,
      rssStages,
      capabilities: { codeAction: !!caps.codeActionProvider, executeCommands: caps.executeCommandProvider?.commands ?? [] },
    };

    /** Ten `x` typed 30 ms apart at the edit point; resolves with the time from the last key to its diagnostics, once they are deleted again. */
    async function typeBurst(): Promise<number> {
      const started = performance.now();
      let lastKey = started;
      for (let k = 0; k < BURST_KEYS; k++) {
        const due = started + k * BURST_INTERVAL_MS;
        if (performance.now() < due) await new Promise((r) => setTimeout(r, due - performance.now()));
        const pos = { line: atPos.line, character: atPos.character + k };
        current = current.slice(0, at + k) + 'x' + current.slice(at + k);
        version++;
        lastKey = performance.now();
        await client.change(uri, version, [incrementalSync ? { range: { start: pos, end: pos }, text: 'x' } : { text: current }]);
      }
      await diagnosticsOf(version);
      const time = performance.now() - lastKey;
      current = text;
      version++;
      const typedEnd = { line: atPos.line, character: atPos.character + BURST_KEYS };
      await client.change(uri, version, [incrementalSync ? { range: { start: atPos, end: typedEnd }, text: '' } : { text }]);
      await diagnosticsOf(version);
      return time;
    }

    async function renumbering(): Promise<ProtocolResult['renumber']> {
      // The design's example: `Article 7 bis` inserted before article 8 — every later article and every reference to one moves.
      const line = text.split('\n').findIndex((l) => l.startsWith('## Article 8.'));
      const inserted = '## Article 7 bis. Inserted\n\n1. A paragraph inserted by the benchmark.\n\n';
      const withBis = text.split('\n').slice(0, line).join('\n') + '\n' + inserted + text.split('\n').slice(line).join('\n');
      const insert = async () => {
        version++;
        await client.change(uri, version, [incrementalSync ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: inserted } : { text: withBis }]);
        return diagnosticsOf(version);
      };
      const remove = async () => {
        version++;
        const end = { line: line + inserted.split('\n').length - 1, character: 0 };
        await client.change(uri, version, [incrementalSync ? { range: { start: { line, character: 0 }, end }, text: '' } : { text }]);
        await diagnosticsOf(version);
      };
      const heading = { start: { line, character: 0 }, end: { line, character: inserted.indexOf('\n') } };
      type Action = { title: string; edit?: { changes?: Record<string, unknown[]>; documentChanges?: { edits?: unknown[] }[] }; command?: { command: string; arguments?: unknown[] } | string; data?: unknown };
      const editCount = (a: Action) =>
        a.edit ? Object.values(a.edit.changes ?? {}).reduce((n, l) => n + l.length, 0) + (a.edit.documentChanges ?? []).reduce((n, d) => n + (d.edits?.length ?? 0), 0) : 0;
      const codeAction = caps.codeActionProvider;
      const resolvable = typeof codeAction === 'object' && !!codeAction.resolveProvider;
      if (codeAction) {
        // Applying a command-based action: the server asks the client to apply the edit.
        let applied: ((edit: unknown) => void) | undefined;
        client.connection.onRequest('workspace/applyEdit', (p: { edit: unknown }) => {
          applied?.(p.edit);
          return { applied: true };
        });
        const once = async (): Promise<{ time: number; edits: number; title: string } | undefined> => {
          const published = await insert();
          const diagnostics = published.diagnostics.filter((d) => d.range.start.line === line);
          const t = performance.now();
          const actions = (await client.request<Action[] | null>('textDocument/codeAction', { textDocument: td, range: heading, context: { diagnostics, triggerKind: 1 } })) ?? [];
          let action = actions.find((a) => a.title.startsWith('Renumber'));
          if (!action) {
            await remove();
            return undefined;
          }
          if (!action.edit && resolvable) action = await client.request<Action>('codeAction/resolve', action);
          let edits = editCount(action);
          const command = typeof action.command === 'string' ? { command: action.command, arguments: [] } : action.command;
          if (command) {
            const got = new Promise<unknown>((r) => (applied = r));
            await client.request('workspace/executeCommand', { command: command.command, arguments: command.arguments ?? [] });
            const edit = (await Promise.race([got, new Promise((r) => setTimeout(() => r(undefined), options.timeoutMs))])) as Action['edit'];
            if (edit) edits += editCount({ title: '', edit });
          }
          const time = performance.now() - t;
          await remove();
          return edits > 0 ? { time, edits, title: action.title } : undefined;
        };
        const times: number[] = [];
        let last: { edits: number; title: string } | undefined;
        for (let i = 0; i < options.renumberRuns + 1; i++) {
          const r = await once();
          if (!r) break;
          if (i > 0) times.push(r.time);
          last = r;
        }
        if (last && times.length) return { mode: 'code action (protocol)', stats: summarise(times), edits: last.edits, title: last.title };
      }
      // A renumbering command without a code action: executed with the document's URI; the edit comes back as workspace/applyEdit.
      const command = (caps.executeCommandProvider?.commands ?? []).find((c) => /renumber/i.test(c));
      if (command) {
        let applied: ((edit: unknown) => void) | undefined;
        client.connection.onRequest('workspace/applyEdit', (p: { edit: unknown }) => {
          applied?.(p.edit);
          return { applied: true };
        });
        const times: number[] = [];
        let edits = 0;
        for (let i = 0; i < options.renumberRuns + 1; i++) {
          await insert();
          const got = new Promise<unknown>((r) => (applied = r));
          const t = performance.now();
          void client.request('workspace/executeCommand', { command, arguments: [uri] });
          const edit = (await Promise.race([got, new Promise((r) => setTimeout(() => r(undefined), options.timeoutMs))])) as Action['edit'];
          const time = performance.now() - t;
          await remove();
          if (!edit) break;
          edits = editCount({ title: '', edit });
          if (i > 0) times.push(time);
        }
        if (times.length && edits > 0) return { mode: `command ${command} (protocol)`, stats: summarise(times), edits };
      }
      // Not offered by the server (yet): the plan the action would apply, computed in-process.
      const treatyWithBis = analyse(withBis);
      let plan = planRenumbering(treatyWithBis);
      const stats = measureWith(
        () => undefined,
        () => {
          plan = planRenumbering(treatyWithBis);
        },
        { warmup: 3, runs: Math.max(5, options.renumberRuns) },
      );
      return { mode: 'planRenumbering in-process (server offers no renumber action yet)', stats, edits: plan.edits.length, title: plan.title };
    }
  } finally {
    await client.stop();
    ws.remove();
  }
}
