// `node:assert/strict` for the suites run in VS Code for the web (test/web/index.ts): the web
// extension host has no Node built-in, so scripts/vscode-test/run-web.mjs bundles this in its
// place. Only what test/vscode/ calls, with strict semantics.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function fail(message?: string | Error): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? 'Failed');
}

const show = (v: unknown) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message ?? `Expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message ?? `Expected ${show(actual)} to equal ${show(expected)}`);
}

export const strictEqual = equal;

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message ?? `Expected ${show(actual)} not to equal it`);
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!same(actual, expected)) fail(message ?? `Expected ${show(actual)} to deep-equal ${show(expected)}`);
}

export const deepStrictEqual = deepEqual;

export function match(value: string, pattern: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || !pattern.test(value)) fail(message ?? `Expected ${show(value)} to match ${pattern}`);
}

export function doesNotMatch(value: string, pattern: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || pattern.test(value)) fail(message ?? `Expected ${show(value)} not to match ${pattern}`);
}

export { fail };
