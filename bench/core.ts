// Core timings: analysis of the convention and of generated treaties 10× and 100× its size.
import { analyse } from '../server/src/model/analyse';
import { check } from '../server/src/checks';
import { planRenumbering } from '../server/src/edits/renumber';

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
