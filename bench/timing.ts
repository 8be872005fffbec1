// Timing helpers shared by the benchmark parts: the same statistics as bench/core.ts's
// `measure`, for asynchronous work (protocol round trips, the Markdown service).
import type { Stats } from './core';

export function summarise(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { runs: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0] };
}

export async function measureAsync(fn: (i: number) => Promise<unknown>, { warmup, runs }: { warmup: number; runs: number }): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(warmup + i);
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

/** Synchronous work with a per-run setup that is not timed (`prepare` returns what `fn` works on). */
export function measureWith<T>(prepare: (i: number) => T, fn: (input: T) => void, { warmup, runs }: { warmup: number; runs: number }): Stats {
  for (let i = 0; i < warmup; i++) fn(prepare(i));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = prepare(warmup + i);
    const t0 = performance.now();
    fn(input);
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

export async function measureWithAsync<T>(prepare: (i: number) => T | Promise<T>, fn: (input: T) => Promise<unknown>, { warmup, runs }: { warmup: number; runs: number }): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(await prepare(i));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = await prepare(warmup + i);
    const t0 = performance.now();
    await fn(input);
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

/** Lets pending I/O and timers run (and a major GC happen off the clock when exposed). */
export async function settle(ms = 20): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, ms));
}

/**
 * Several contenders measured in turns (A B, B A, A B, …), so that a busy moment of a shared
 * machine falls on all of them alike. Each `run(i)` returns the time of its timed part.
 */
export async function measureInTurns(contenders: ((i: number) => number | Promise<number>)[], { warmup, runs }: { warmup: number; runs: number }): Promise<Stats[]> {
  const times: number[][] = contenders.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    const order = contenders.map((_, k) => k);
    if (i % 2) order.reverse();
    for (const k of order) {
      const t = await contenders[k](i);
      if (i >= warmup) times[k].push(t);
    }
  }
  return times.map(summarise);
}
