// Core timings: analysis of the convention and of generated treaties 10× and 100× its size.
import { analyse } from '../server/src/model/analyse';
import { check } from '../server/src/checks';
import { planRenumbering } from '../server/src/edits/renumber';
import { reanalyse } from '../server/src/model/incremental';
import { Project } from '../server/src/workspace/project';
import { editPoint } from './generate';

export interface Stats {
  runs: number;
  median: number;
  p95: number;
  min: number;
}

export function measure(fn: () => void, { warmup, runs }: { warmup: number; runs: number }): Stats {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { runs, median: at(0.5), p95: at(0.95), min: times[0] };
}

export function coreBench(text: string, runs: number) {
  const analysis = measure(() => check(analyse(text)), { warmup: Math.max(2, runs / 5), runs });
  const treaty = analyse(text);
  const renumber = measure(() => planRenumbering(treaty), { warmup: 2, runs: Math.max(3, runs / 2) });
  return { bytes: Buffer.byteLength(text), articles: treaty.articles.length, references: treaty.references.length, analysis, renumber };
}

/**
 * A one-character edit in article 40 to the findings of the new text, in-process, as the
 * server makes them: the project takes the new text, updates the analysis by difference
 * (model/incremental.ts) and checks it. The character is typed and deleted in turns.
 */
export function editBench(text: string, runs: number) {
  const at = editPoint(analyse(text));
  const typed = text.slice(0, at) + 'x' + text.slice(at);
  // The edit takes the incremental path (a fresh analysis would time something else).
  const path = reanalyse(analyse(text), typed);
  if (!path.incremental) throw new Error(`the benchmark's edit is analysed afresh: ${path.reason}`);
  const project = new Project();
  const uri = 'file:///bench/edit.treaty';
  let version = 1;
  project.openFile(uri, text, version);
  project.findings(uri);
  const edit = measure(
    () => {
      project.openFile(uri, version % 2 ? typed : text, ++version);
      project.findings(uri);
    },
    { warmup: Math.max(4, runs / 5), runs },
  );
  return { bytes: Buffer.byteLength(text), edit };
}
