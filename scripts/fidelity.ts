// Prints how faithfully Treatymark reads the development corpus (test/corpus/real):
// designators resolved to the unit the facts name, false dangling errors, external
// references bound inside. `npx tsx scripts/fidelity.ts [name] [--misses]`.
import { corpusNames, loadCorpus, measure } from '../test/support/fidelity';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const only = args.filter((a) => !a.startsWith('--'));
let total = 0;
let resolved = 0;
for (const name of corpusNames()) {
  if (only.length > 0 && !only.includes(name)) continue;
  const { text, facts } = loadCorpus(name);
  const r = measure(name, text, facts);
  total += r.designators;
  resolved += r.resolved;
  console.log(`${name.padEnd(10)} ${String(r.resolved).padStart(4)}/${String(r.designators).padEnd(4)} ${((100 * r.resolved) / Math.max(1, r.designators)).toFixed(1).padStart(5)} %  dangling ${r.dangling.length}  external bound ${r.externalBound.length}`);
  if (showMisses) {
    for (const m of r.misses) console.log(`   ${m.line}: "${m.text}" [${m.token}] expected ${m.expected}, got ${m.got}`);
    for (const d of r.dangling) console.log(`   DANGLING ${d.line}: ${d.message}`);
    for (const e of r.externalBound) console.log(`   EXTERNAL BOUND ${e.line}: ${e.text}`);
  }
}
console.log(`all        ${resolved}/${total} ${((100 * resolved) / Math.max(1, total)).toFixed(1)} %`);
