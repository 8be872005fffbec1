// Test entry of npm run test:web: VS Code for the web loads it in its extension host (a web
// worker, as on vscode.dev) and calls run(). It runs the real-editor suites of test/vscode/
// that a drafter meets on the web, against the web extension (dist/web/): the client in that
// worker, the server in a worker of its own. Left out: restart.test.ts (kills a Node process),
// tour.test.ts (the README's screenshots) and import.test.ts (its fixtures are read with node:fs).
// scripts/vscode-test/run-web.mjs bundles it with test/web/assert.ts for node:assert.

// Sets globalThis.mocha (mocha's browser build; the Node one needs fs and path).
require('mocha/mocha.js');

const SUITES = () => {
  // Loaded after mocha.setup, which defines describe and it; smoke first, as in test/vscode/index.ts.
  require('../vscode/smoke.test');
  require('../vscode/features.test');
  require('../vscode/workspace.test');
  require('../vscode/negotiation.test');
  require('../vscode/shipping.test');
  require('../vscode/preview.test');
  require('../vscode/compare.test');
};

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false });
    SUITES();
    const runner = mocha.run((failures) => {
      const { passes, failures: failed, pending } = runner.stats ?? { passes: 0, failures, pending: 0 };
      // The plain "N passed, N failed" line CI logs are read for.
      console.log(`web: ${passes} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} web test(s) failed.`));
      else resolve();
    });
  });
}
