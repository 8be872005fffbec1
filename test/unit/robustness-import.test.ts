// The import never throws, whatever damage a Word file took on its way: random bytes changed,
// cut short, overwritten; and inside the package, XML with characters changed and numbers
// (list ids, levels, start values, comment ids) replaced. Each run either imports or says in
// one line what is wrong — never an error of the importer itself ("please report").
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { strToU8, strFromU8, unzipSync, zipSync } from 'fflate';
import { importFile } from '../../server/src/import';
import { DOCX_FIXTURES } from '../support/importMeasure';
import { numRuns, seed } from '../support/robust';

const EXCERPT = new Uint8Array(fs.readFileSync(path.join(DOCX_FIXTURES, 'convention-excerpt.docx')));
const PARTS = unzipSync(EXCERPT);

function assertImportsOrSays(bytes: Uint8Array) {
  const result = importFile(bytes, 'damaged.docx');
  if (result.ok) {
    assert.equal(typeof result.text, 'string');
    return;
  }
  assert.ok(result.message.startsWith('damaged.docx '), result.message);
  assert.ok(!result.message.includes('\n'), result.message);
  assert.ok(!result.message.includes('please report'), result.message);
}

const damage = fc.oneof(
  // A few bytes changed anywhere.
  fc.array(fc.tuple(fc.nat(EXCERPT.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => {
    const bytes = EXCERPT.slice();
    for (const [at, value] of flips) bytes[at] = value;
    return bytes;
  }),
  // Cut short.
  fc.nat(EXCERPT.length - 1).map((n) => EXCERPT.slice(0, n)),
  // A stretch overwritten with random bytes.
  fc.tuple(fc.nat(EXCERPT.length - 1), fc.uint8Array({ minLength: 1, maxLength: 400 })).map(([at, junk]) => {
    const bytes = EXCERPT.slice();
    bytes.set(junk.subarray(0, bytes.length - at), at);
    return bytes;
  }),
);

/** A part of the package with characters changed, or its numbers replaced by others. */
const xmlDamage = fc.tuple(
  fc.constantFrom('word/document.xml', 'word/numbering.xml', 'word/comments.xml', 'word/footnotes.xml', 'word/styles.xml'),
  fc.oneof(
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('<', '>', '"', '&', '/', 'x', ' ', '=', '\u0000')), { minLength: 1, maxLength: 5 }).map((edits) => ({ kind: 'chars' as const, edits })),
    fc.array(fc.constantFrom('-1', '0', '8', '9', '99', '32767', '4294967296', '1e9', 'x', ''), { minLength: 1, maxLength: 30 }).map((values) => ({ kind: 'numbers' as const, values })),
  ),
);

function damageXml(part: string, how: { kind: 'chars'; edits: [number, string][] } | { kind: 'numbers'; values: string[] }): Uint8Array {
  let xml = strFromU8(PARTS[part] ?? new Uint8Array());
  if (how.kind === 'chars') {
    for (const [at, c] of how.edits) {
      const i = xml.length ? at % xml.length : 0;
      xml = xml.slice(0, i) + c + xml.slice(i + 1);
    }
  } else {
    let k = 0;
    xml = xml.replace(/(w:(?:val|id|ilvl|numId|abstractNumId)=")(-?\d+)"/g, (m, head: string) => (k < how.values.length ? `${head}${how.values[k++ % how.values.length]}"` : m));
  }
  return zipSync({ ...PARTS, [part]: strToU8(xml) });
}

describe('import robustness: damaged Word files', function () {
  this.timeout(120_000);

  it('random byte damage to a .docx never throws: it imports or says what is wrong in one line', () => {
    fc.assert(
      fc.property(damage, (bytes) => assertImportsOrSays(bytes)),
      { numRuns: numRuns(150), seed: seed(17) },
    );
  });

  it('damaged XML inside a sound zip (characters, list ids, levels, start values) never throws', () => {
    fc.assert(
      fc.property(xmlDamage, ([part, how]) => assertImportsOrSays(damageXml(part, how))),
      { numRuns: numRuns(150), seed: seed(1717) },
    );
  });

  it('the damage is real: some runs import, some are reported damaged', () => {
    const outcomes = new Set<string>();
    for (let n = 1000; n < EXCERPT.length; n += 700) outcomes.add(importFile(EXCERPT.slice(0, n), 'x.docx').ok ? 'ok' : 'failed');
    outcomes.add(importFile(damageXml('word/numbering.xml', { kind: 'numbers', values: ['99'] }), 'x.docx').ok ? 'ok' : 'failed');
    assert.deepEqual([...outcomes].sort(), ['failed', 'ok']);
  });
});
