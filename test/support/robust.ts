// Shared by the robustness tests: how long to fuzz, how to time a run against a linear
// baseline (a ratio, never an absolute time), and the check that every range lies in the text.
import { strict as assert } from 'assert';
import * as v8 from 'v8';
import * as vm from 'vm';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { capturedDangling, planRenumbering } from '../../server/src/edits/renumber';
import { applyEdits, type TextEdit } from '../../server/src/edits/textedit';
import type { Finding } from '../../server/src/checks/registry';
import type { Treaty } from '../../server/src/model/types';

/** `npm run fuzz` sets FUZZ_RUNS; `npm test` leaves it unset and the tests stay small. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 0;
export const FUZZING = FUZZ_RUNS > 0;

/** Runs of a property test: its default under `npm test`, at least FUZZ_RUNS when fuzzing. */
export function numRuns(defaultRuns: number): number {
  return FUZZING ? Math.max(defaultRuns, FUZZ_RUNS) : defaultRuns;
}

/** A fixed seed under `npm test` (reproducible); FC_SEED, or a fresh one, when fuzzing. */
export function seed(defaultSeed: number): number {
  if (process.env.FC_SEED) return Number(process.env.FC_SEED);
  return FUZZING ? (Math.random() * 2 ** 31) | 0 : defaultSeed;
}

/** Best of `runs` timings of `fn`, in milliseconds (the minimum keeps scheduler noise out). */
export function bestTime(fn: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Everything the server computes from a text: the model, the diagnostics, the renumbering. */
export interface Pipeline {
  treaty: Treaty;
  findings: Finding[];
  edits: TextEdit[];
}

export function pipeline(text: string): Pipeline {
  const treaty = analyse(text);
  const plan = planRenumbering(treaty);
  // What the editor computes with every renumbering: the dangling references it would capture.
  capturedDangling(treaty, plan);
  return { treaty, findings: check(treaty), edits: plan.edits };
}

/**
 * Every range the core reports lies in the text (integers, start ≤ end ≤ length), and the
 * renumbering edits apply (they do not overlap).
 */
export function assertInside({ treaty, findings, edits }: Pipeline): void {
  const n = treaty.text.length;
  const ok = (s: { start: number; end: number } | undefined, what: string) => {
    if (!s) return;
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= n, `${what} ${s.start}-${s.end} outside 0-${n}`);
  };
  const at = (offset: number | undefined, what: string) => {
    if (offset !== undefined) ok({ start: offset, end: offset }, what);
  };
  for (const u of treaty.units) {
    ok(u.span, `unit ${u.id}`);
    ok(u.anchorSpan, `anchor ${u.id}`);
    ok(u.textSpan, `text ${u.id}`);
    ok(u.numberSpan, `number ${u.id}`);
    ok(u.titleSpan, `title ${u.id}`);
    at(u.numberInsertAt, `number insertion ${u.id}`);
  }
  for (const r of treaty.references) {
    ok(r.span, 'reference');
    for (const num of r.numbers) ok(num.span, 'reference number');
    for (const m of r.missing) ok(m.span, 'missing');
  }
  for (const d of treaty.definitions) ok(d.span, 'definition');
  for (const u of treaty.uses) ok(u.span, 'use');
  for (const f of treaty.footnotes.values()) {
    ok(f.span, 'footnote');
    ok(f.labelSpan, 'footnote label');
    ok(f.textSpan, 'footnote text');
    for (const r of f.refs) ok(r, 'footnote reference');
  }
  for (const a of treaty.alternatives) ok(a.span, 'alternatives');
  for (const c of treaty.syntax.critic) {
    ok(c.span, `critic ${c.kind}`);
    ok(c.content, `critic ${c.kind} content`);
    at(c.separator, 'critic separator');
  }
  for (const b of treaty.syntax.brackets) {
    at(b.open, 'bracket');
    if (b.close >= 0) at(b.close, 'bracket close');
  }
  for (const b of treaty.syntax.blocks) ok(b.span, `block ${b.type}`);
  ok(treaty.syntax.frontMatter?.span, 'front matter');
  for (const f of findings) ok(f.span, `finding ${f.code}`);
  for (const e of edits) ok(e.span, 'edit');
  assert.doesNotThrow(() => applyEdits(treaty.text, edits), 'renumbering edits overlap');
}

/** A rough count of what the model holds: it must stay proportional to the text. */
export function modelSize({ treaty, findings, edits }: Pipeline): number {
  let size = treaty.units.length + treaty.definitions.length + treaty.uses.length + treaty.syntax.blocks.length + treaty.syntax.brackets.length + treaty.syntax.critic.length + findings.length + edits.length;
  for (const r of treaty.references) size += 1 + r.numbers.length + r.targets.length;
  return size;
}

let gcFn: (() => void) | undefined;
/** Heap in use after a full collection (node is not started with --expose-gc, so ask V8 for it). */
export function heapUsed(): number {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  return process.memoryUsage().heapUsed;
}
