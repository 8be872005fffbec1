// Definitions, their scope and their uses.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';

const uses = (text: string, term: string) => {
  const t = analyse(text);
  const d = t.definitions.find((x) => x.key === term)!;
  assert.ok(d, `definition of ${term}`);
  return d.uses.map((u) => text.slice(u.span.start, u.span.end));
};

describe('definitions', () => {
  it('reads multi-term definitions, intervening clauses and "the term … shall include"', () => {
    const text = [
      '## Article 2. Use of terms',
      '',
      'For the purposes of this Convention:',
      '',
      '(a) "Freezing" or "seizure" shall mean temporarily prohibiting;',
      '',
      '(b) "Confiscation", which includes forfeiture where applicable, shall mean deprivation;',
      '',
      '(c) “Curly term” means something;',
      '',
      '## Article 3. Scope',
      '',
      '1. Freezing, seizure and confiscation of curly terms.',
      '',
      '2. For the purposes of this article, the term "material" shall include visual material.',
      '',
      '3. Material here.',
      '',
      '## Article 4. Other',
      '',
      '1. For the purpose of paragraph 2 of this article, "image" shall mean a recording.',
      '',
      '2. An image here; material there, and an image.',
      '',
    ].join('\n');
    const t = analyse(text);
    assert.deepEqual(
      t.definitions.map((d) => [d.term, d.scope, d.scopeUnit?.id ?? null]),
      [
        ['Freezing', 'global', null],
        ['seizure', 'global', null],
        ['Confiscation', 'global', null],
        ['Curly term', 'global', null],
        ['material', 'article', 'art_3'],
        ['image', 'paragraph', 'art_4__para_2'],
      ],
    );
    assert.deepEqual(uses(text, 'material'), ['Material']);
    assert.deepEqual(uses(text, 'image'), ['image', 'image']);
    assert.deepEqual(uses(text, 'curly term'), ['curly terms']);
  });

  it('scopes "For the purpose of paragraph 1 above" and "…of paragraph 1," to that paragraph, and "…of paragraph 1 of article 5" to nothing here', () => {
    const text = [
      '## Article 1. Offences',
      '',
      '1. Each State Party shall criminalize the sharing of an intimate image.',
      '',
      '2. For the purpose of paragraph 1 above, "intimate image" shall mean a recording.',
      '',
      '3. For the purpose of paragraph 1, "sharing" shall mean making available.',
      '',
      '4. For the purposes of paragraph 1 of article 5, "record" shall mean a file.',
      '',
      '## Article 2. Elsewhere',
      '',
      'An intimate image and sharing.',
      '',
    ].join('\n');
    assert.deepEqual(
      analyse(text).definitions.map((d) => [d.term, d.scope, d.scopeUnit?.id ?? null]),
      [
        ['intimate image', 'paragraph', 'art_1__para_1'],
        ['sharing', 'paragraph', 'art_1__para_1'],
        ['record', 'global', null],
      ],
    );
    // Outside paragraph 1 the words are not uses of the definitions.
    assert.deepEqual(uses(text, 'intimate image'), ['intimate image']);
  });

  it('matches whole words case-insensitively with a plain plural, longest term first', () => {
    const text = [
      '## Article 1. Use of terms',
      '',
      'For the purposes of this Convention:',
      '',
      '(a) "Data" shall mean facts;',
      '',
      '(b) "Traffic data" shall mean data about traffic;',
      '',
      '## Article 2. Text',
      '',
      'Traffic data, DATA, metadata, datas and the traffic data of providers. Traffic, data.',
    ].join('\n');
    assert.deepEqual(uses(text, 'traffic data'), ['Traffic data', 'traffic data']);
    // "data" inside the definition of "traffic data" counts; inside its own definition it does not.
    assert.deepEqual(uses(text, 'data'), ['data', 'DATA', 'datas', 'data']);
  });

  it('reports pending definitions with each alternative as a name', () => {
    const text = '## Article 1. Use of terms\n\nFor the purposes of this Convention:\n\n(a) "[Computer system] [Information and communications technology device]";\n\n## Article 2. X\n\nA computer system.\n';
    const t = analyse(text);
    assert.deepEqual(t.definitions.map((d) => [d.term, d.pending]), [['Computer system', true], ['Information and communications technology device', true]]);
    assert.equal(t.definitions[0].uses.length, 1);
    const findings = check(t);
    assert.deepEqual(findings.map((f) => f.code), ['definition.pending', 'definition.pending']);
  });

  it('reports duplicate and unused definitions', () => {
    const text = '## Article 1. Use of terms\n\nFor the purposes of this Convention:\n\n(a) "Alpha" shall mean one;\n\n(b) "Alpha" shall mean two;\n\n(c) "Beta" shall mean three.\n\n## Article 2. X\n\nAlpha.\n';
    const findings = check(analyse(text));
    assert.deepEqual(findings.map((f) => [f.code, f.severity, text.slice(f.span.start, f.span.end)]), [
      ['definition.duplicate', 'error', 'Alpha'],
      ['definition.unused', 'warning', 'Beta'],
    ]);
  });

  it('never takes an interpretative note for a definition', () => {
    const text = '## Article 2. Use of terms\n\n(a) "Service provider" shall mean an entity;\n\n# Interpretative notes\n\n## Article 2\n\n1. The term "service provider" shall include hosting.\n';
    const t = analyse(text);
    assert.equal(t.definitions.length, 1);
    assert.equal(t.definitions[0].uses.length, 1);
  });

  it('does not take a quoted word with no defining verb for a definition', () => {
    const text = '## Article 2. Use of terms\n\n(n) "Organization" shall mean a body; references to "States Parties" under this Convention shall apply to it.\n';
    assert.deepEqual(analyse(text).definitions.map((d) => d.term), ['Organization']);
  });
});
