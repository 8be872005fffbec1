// The reading of `(x)` markers as a table of cases: is a marker the next subparagraph
// (`sub`) or a sub-subparagraph under the open one (`subsub`)? Under letters the level
// below is roman, under a roman first level it is letters.
import { strict as assert } from 'assert';
import { parse } from '../../server/src/syntax/parse';
import { letterValue, listRomanValue } from '../../server/src/syntax/numerals';
import { buildStructure } from '../../server/src/model/structure';
import { classifyPoint, isRomanSubparagraph, type OpenPoint, type PointLevel } from '../../server/src/model/points';

/** An open unit numbered with a letter, as the builder leaves it. */
const letter = (label: string): OpenPoint => ({ style: 'letter', value: letterValue(label) });
/** An open unit numbered in roman numerals. */
const roman = (label: string): OpenPoint => ({ style: 'roman', value: listRomanValue(label) });

interface Case {
  why: string;
  sub?: OpenPoint;
  subsub?: OpenPoint;
  label: string;
  next?: string;
  level: PointLevel;
}

const CASES: Case[] = [
  { why: '(a) with nothing open is the first subparagraph', label: 'a', level: 'sub' },
  { why: '(i) with nothing open starts a roman first level', label: 'i', level: 'sub' },
  { why: '(b) after (a)', sub: letter('a'), label: 'b', level: 'sub' },
  { why: '(i) after (a) is roman one', sub: letter('a'), label: 'i', level: 'subsub' },
  { why: '(i) after (a) is roman one even when (b) follows', sub: letter('a'), label: 'i', next: 'b', level: 'subsub' },
  { why: '(ii) after (a)(i)', sub: letter('a'), subsub: roman('i'), label: 'ii', level: 'subsub' },
  { why: '(b) after (a)(i) goes back up', sub: letter('a'), subsub: roman('i'), label: 'b', level: 'sub' },
  { why: '(i) after (h), last marker: the letter i', sub: letter('h'), label: 'i', level: 'sub' },
  { why: '(i) after (h) followed by (j): the letter i', sub: letter('h'), label: 'i', next: 'j', level: 'sub' },
  { why: '(i) after (h) followed by (ii): roman one', sub: letter('h'), label: 'i', next: 'ii', level: 'subsub' },
  { why: '(i) after (h)(viii): the letter i, roman i is not next', sub: letter('h'), subsub: roman('viii'), label: 'i', level: 'sub' },
  { why: '(v) after (u): the letter v', sub: letter('u'), label: 'v', level: 'sub' },
  { why: '(v) after (u)(iv), last marker: stays at roman five', sub: letter('u'), subsub: roman('iv'), label: 'v', level: 'subsub' },
  { why: '(v) after (u)(iv) followed by (w): the letter v', sub: letter('u'), subsub: roman('iv'), label: 'v', next: 'w', level: 'sub' },
  { why: '(v) after (u)(iv) followed by (vi): roman five', sub: letter('u'), subsub: roman('iv'), label: 'v', next: 'vi', level: 'subsub' },
  { why: '(x) after (w): the letter x', sub: letter('w'), label: 'x', level: 'sub' },
  { why: '(x) after (w)(ix) followed by (xi): roman ten', sub: letter('w'), subsub: roman('ix'), label: 'x', next: 'xi', level: 'subsub' },
  { why: '(x) after (w)(ix) followed by (y): the letter x', sub: letter('w'), subsub: roman('ix'), label: 'x', next: 'y', level: 'sub' },
  { why: '(aa) after (z)', sub: letter('z'), label: 'aa', level: 'sub' },
  { why: '(ii) after (b), (i) missing: roman two is closer than the letter ii', sub: letter('b'), label: 'ii', level: 'subsub' },
  { why: '(v) after (q), equally far from both: stays at the open level', sub: letter('q'), label: 'v', level: 'sub' },
  { why: '(v) after (q)(viii), equally far from both: stays at the open level', sub: letter('q'), subsub: roman('viii'), label: 'v', level: 'subsub' },
  { why: '(d) after (a): a letter gap, still a subparagraph', sub: letter('a'), label: 'd', level: 'sub' },
  { why: '(ii) after a roman (i): the roman list goes on', sub: roman('i'), label: 'ii', level: 'sub' },
  { why: '(iii) after a roman (i): a gap in the roman list', sub: roman('i'), label: 'iii', level: 'sub' },
  { why: '(a) after a roman (ii): letters one level down', sub: roman('ii'), label: 'a', level: 'subsub' },
  { why: '(v) after a roman (i): one letter is read as a letter, one level down', sub: roman('i'), label: 'v', level: 'subsub' },
];

describe('structure: reading of point markers', () => {
  for (const c of CASES) {
    it(c.why, () => assert.equal(classifyPoint(c.label, c.sub, c.subsub, c.next), c.level));
  }

  it('numbers a first-level list in roman numerals only when it opens with (i)', () => {
    assert.equal(isRomanSubparagraph('i', undefined), true);
    assert.equal(isRomanSubparagraph('a', undefined), false);
    assert.equal(isRomanSubparagraph('ii', roman('i')), true);
    assert.equal(isRomanSubparagraph('i', letter('h')), false);
  });

  it('builds the units the table describes', () => {
    const ids = (lines: string[]) => buildStructure(parse(['## Article 1', ...lines, ''].join('\n'))).units.map((u) => u.id);
    const p = 'art_1__para_0__point_';
    assert.deepEqual(ids(['(h) h', '(i) i', '(j) j']).slice(2), [`${p}h`, `${p}i`, `${p}j`]);
    assert.deepEqual(ids(['(h) h', '(i) one', '(ii) two']).slice(2), [`${p}h`, `${p}h__point_i`, `${p}h__point_ii`]);
    assert.deepEqual(ids(['(i) one', '(ii) two', '(a) a']).slice(2), [`${p}i`, `${p}ii`, `${p}ii__point_a`]);
  });
});
