// Diagnostics: published for each open document at once on open and after every change, for
// the document's current version only. A change after a quiet pause is checked at once;
// changes that follow each other closely are coalesced by a debounce of twice the document's
// typical check (the median of its last three), at most 40 ms: with an analysis by difference
// a check is shorter than the time between two keys, so the last key of a burst is checked as
// soon as it is typed. With the core's codes and the severities of
// `treatymark.diagnostics.severity`. A change to one file re-checks the other open files
// (their notes or cross-document references may depend on it); a result identical to the
// last one published is not sent again.
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { uriKey } from '../workspace/uris';
import { toDiagnostic } from './convert';
import type { Feature, ServerContext } from './context';

const CHANGE_DELAY_MS = 40;
const DEPENDENT_DELAY_MS = 150;
/** How many of a document's last checks size its debounce. */
const COSTS_KEPT = 3;

interface ProblemCounts {
  errors: number;
  warnings: number;
  information: number;
  hints: number;
}

export class Diagnostics {
  /** Per file key: how to cancel its pending publication. */
  private timers = new Map<string, () => void>();
  /** Per file key: the document URI as the client spells it, the version and the diagnostics last sent. */
  private published = new Map<string, { uri: string; version: number; json: string }>();
  /** Per file key: how long its last checks took (ms), to size the debounce. */
  private cost = new Map<string, number[]>();
  /** Per file key: when its text last changed (performance.now()). */
  private lastChange = new Map<string, number>();
  private ctx!: ServerContext;

  attach(ctx: ServerContext): void {
    this.ctx = ctx;
    ctx.workspace.onDidChange(({ keys, opened }) => {
      const changed = new Set(keys);
      for (const doc of ctx.workspace.documents.all()) {
        const key = uriKey(doc.uri);
        // A document just opened is checked at once; so is a keystroke after a pause as long as
        // the debounce (no keystroke is coming to coalesce it with); faster ones are coalesced.
        this.schedule(doc.uri, changed.has(key) ? (opened ? 0 : this.keystrokeDelay(key)) : DEPENDENT_DELAY_MS);
      }
      // A closed document's diagnostics go with it.
      for (const key of keys) {
        const open = ctx.workspace.documents.all().some((d) => uriKey(d.uri) === key);
        const last = this.published.get(key);
        if (!open) this.lastChange.delete(key);
        if (!open && last) {
          this.published.delete(key);
          void ctx.connection.sendDiagnostics({ uri: last.uri, diagnostics: [] });
        }
      }
    });
  }

  private keystrokeDelay(key: string): number {
    const now = performance.now();
    const last = this.lastChange.get(key);
    this.lastChange.set(key, now);
    const delay = this.changeDelay(key);
    return last === undefined || now - last >= delay ? 0 : delay;
  }

  /** Waiting longer than a check costs only delays the answer; a slow check is worth coalescing. */
  private changeDelay(key: string): number {
    const costs = this.cost.get(key);
    if (!costs) return CHANGE_DELAY_MS;
    // The median of the last checks: one slow check (a collection, a fresh analysis after a
    // new heading) would otherwise hold every key of the next burst back by the whole debounce.
    const cost = [...costs].sort((a, b) => a - b)[costs.length >> 1];
    return Math.min(CHANGE_DELAY_MS, Math.ceil(cost * 2));
  }

  schedule(uri: string, delay: number): void {
    const key = uriKey(uri);
    const pending = this.timers.get(key);
    if (pending) {
      // Never push an imminent publication further away than asked.
      if (delay >= DEPENDENT_DELAY_MS) return;
      pending();
    }
    const run = () => {
      this.timers.delete(key);
      this.publish(uri);
    };
    // At once means after the messages already received, not a timer's millisecond later
    // (a third of an edit's round trip once the analysis is incremental). The web worker has
    // no setImmediate: a timer there.
    if (delay === 0 && typeof setImmediate === 'function') {
      const immediate = setImmediate(run);
      this.timers.set(key, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, delay);
      this.timers.set(key, () => clearTimeout(timer));
    }
  }

  /** Re-checks every open document now (after a settings change). */
  republishAll(): void {
    this.published.clear();
    for (const doc of this.ctx.workspace.documents.all()) this.schedule(doc.uri, 0);
  }

  /** The diagnostics of a document as they would be published now. */
  compute(uri: string): Diagnostic[] {
    return this.ctx.guard('diagnostics', [], () => {
      const key = uriKey(uri);
      const bundle = this.ctx.workspace.bundle(uri);
      const part = bundle?.partFor(key);
      if (!bundle || !part) return [];
      const tags = !!this.ctx.client.textDocument?.publishDiagnostics?.tagSupport;
      const out: Diagnostic[] = [];
      for (const f of this.ctx.workspace.project.findings(uri)) {
        const d = toDiagnostic(part.lines, f, { level: this.ctx.settings.levelFor(f.code, f.severity), tags });
        if (d) out.push(d);
      }
      return out;
    });
  }

  counts(uri: string): ProblemCounts {
    const counts: ProblemCounts = { errors: 0, warnings: 0, information: 0, hints: 0 };
    for (const d of this.compute(uri)) {
      if (d.severity === 1) counts.errors++;
      else if (d.severity === 2) counts.warnings++;
      else if (d.severity === 3) counts.information++;
      else counts.hints++;
    }
    return counts;
  }

  private publish(uri: string): void {
    this.ctx.guard('publishDiagnostics', undefined, () => {
      const doc = this.ctx.workspace.documents.get(uri);
      if (!doc) return;
      const started = performance.now();
      const diagnostics = this.compute(uri);
      const costs = this.cost.get(uriKey(uri)) ?? [];
      costs.push(performance.now() - started);
      if (costs.length > COSTS_KEPT) costs.shift();
      this.cost.set(uriKey(uri), costs);
      // The analysis read the text of this very version (the store is updated synchronously).
      const params: PublishDiagnosticsParams = { uri: doc.uri, version: doc.version, diagnostics };
      const key = uriKey(uri);
      const json = JSON.stringify(diagnostics);
      const last = this.published.get(key);
      // Another file changed and this one's problems did not: nothing to say.
      if (last && last.version === doc.version && last.json === json) return;
      this.published.set(key, { uri: doc.uri, version: doc.version, json });
      void this.ctx.connection.sendDiagnostics(params);
    });
  }
}

export const diagnosticsFeature: Feature = {
  name: 'diagnostics',
  register(ctx) {
    ctx.diagnostics.attach(ctx);
  },
};

