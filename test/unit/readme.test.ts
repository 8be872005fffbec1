// The README's two commands are the project's contract: CI runs exactly the second.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../support/corpus';

describe('README commands', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([^\n]+)\n```/g)].map((m) => m[1]);

  it('starts with the example command and the test command', () => {
    assert.ok(readme.indexOf('```sh') < 400, 'the commands come first');
    assert.match(blocks[0], /^npm ci && .*node dist\/cli\.js check examples\/convention\.treaty$/);
    assert.match(blocks[1], /^npm ci && npm test\b/);
  });

  it('is what .ci/run runs', () => {
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    const commands = ci.split('\n').filter((l) => l.trim() && !l.startsWith('#') && !/^(set|cd|command) /.test(l));
    assert.deepEqual(commands, [blocks[1]]);
  });
});
