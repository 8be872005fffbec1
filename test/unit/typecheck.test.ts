// esbuild and tsx strip types without checking them, so only tsc catches a type error, and
// `npm test` runs `npm run typecheck` first. This proves that check bites: tsc, with the
// repository's own tsconfig, rejects a deliberate error in code that imports the server, and
// finds no error in the repository as it stands.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/corpus';

// TypeScript 7 is a native compiler with no in-process API: run its tsc as npm scripts do.
const TSC = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

function tsc(project: string): { status: number | null; errors: string[]; output: string } {
  const r = spawnSync(process.execPath, [TSC, '-p', project, '--noEmit', '--pretty', 'false'], { encoding: 'utf8' });
  const output = r.stdout + r.stderr;
  return { status: r.status, errors: output.split('\n').filter((l) => /error TS\d+/.test(l)), output };
}

describe('type check', function () {
  this.timeout(120_000);

  it('npm test runs the type check of the project and the benchmark before mocha', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(scripts.test, /^npm run typecheck && .*\bmocha\b/);
    assert.match(scripts.typecheck, /\btsc -p \. /);
    assert.match(scripts.typecheck, /\btsc -p bench\b/);
  });

  it('reports a type error, an unused local and an unused parameter in code importing the server', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-typecheck-'));
    try {
      const numerals = path.relative(dir, path.join(ROOT, 'server', 'src', 'syntax', 'numerals')).split(path.sep).join('/');
      fs.writeFileSync(
        path.join(dir, 'probe.ts'),
        [
          `import { toLetters } from '${numerals}';`,
          `export const probe: number = toLetters(3);`,
          `export function f(unusedParameter: number): number {`,
          `  const unusedLocal = 1;`,
          `  return 2;`,
          `}`,
          ``,
        ].join('\n'),
      );
      // The repository's options; only the files and the place of @types differ.
      const tsconfig = {
        extends: path.join(ROOT, 'tsconfig.json'),
        compilerOptions: { typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
        include: ['probe.ts'],
      };
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
      const r = tsc(dir);
      assert.notEqual(r.status, 0, r.output);
      assert.equal(r.errors.length, 3, r.output);
      assert.match(r.errors[0], /probe\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'/);
      assert.ok(r.errors.some((e) => /probe\.ts\(3,19\): error TS6133: 'unusedParameter'/.test(e)), r.output);
      assert.ok(r.errors.some((e) => /probe\.ts\(4,9\): error TS6133: 'unusedLocal'/.test(e)), r.output);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const project of ['.', 'bench']) {
    it(`finds no error in ${project === '.' ? 'the project (server, client, test, scripts)' : 'the benchmark'}`, () => {
      const r = tsc(path.join(ROOT, project));
      assert.deepEqual(r.errors, [], r.output);
      assert.equal(r.status, 0, r.output);
    });
  }
});
