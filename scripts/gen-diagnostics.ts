// Writes package.json's per-code severity settings and docs/diagnostics.md from
// server/src/checks/registry.ts. `npm run gen:diagnostics`; `-- --check` only reports
// what is out of step (exit 1), for CI.
import * as fs from 'fs';
import * as path from 'path';
import { diagnosticsDoc, withSeveritySettings } from './diagnostics';

const root = path.join(__dirname, '..');
const check = process.argv.includes('--check');
const targets: [string, (old: string) => string][] = [
  ['package.json', withSeveritySettings],
  [path.join('docs', 'diagnostics.md'), () => diagnosticsDoc()],
];
let stale = 0;
for (const [file, make] of targets) {
  const full = path.join(root, file);
  const old = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
  const next = make(old);
  if (next === old) continue;
  stale++;
  if (check) console.log(`${file} is out of step with the registry: run npm run gen:diagnostics`);
  else {
    fs.writeFileSync(full, next);
    console.log(`wrote ${file}`);
  }
}
if (check && stale > 0) process.exitCode = 1;
