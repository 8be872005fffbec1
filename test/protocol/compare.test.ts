// `treatymark/compare` through the protocol, as the VS Code client asks it: both texts in,
// every rendering out, with the webview's policy and command links when asked.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CompareAnswer } from '../../server/src/lsp/compare';
import { CONVENTION_TEXT, EXAMPLES, serverForSuite } from './lsp';

const ZERO_DRAFT = fs.readFileSync(path.join(EXAMPLES, 'zero-draft.treaty'), 'utf8');

describe('protocol: treatymark/compare', function () {
  this.timeout(60_000);
  const server = serverForSuite();

  it('answers the correspondence, the CriticMarkup with its headings, and a webview page with command links', async () => {
    const answer = await server().request<CompareAnswer>('treatymark/compare', {
      old: { text: ZERO_DRAFT, name: 'zero-draft.treaty' },
      new: { text: CONVENTION_TEXT, name: 'convention.treaty' },
      html: { policy: "default-src 'none'; style-src 'nonce-abc'", nonce: 'abc', commands: { reveal: 'x.reveal', diff: 'x.diff', session: 's1' } },
    });
    const moved = answer.json.articles.findIndex((a) => a.old === '17');
    assert.deepEqual([answer.json.articles[moved].new, answer.json.articles[moved].moved], ['4', true]);
    // Where each article stands, for a diff of the two articles.
    const span = answer.spans[moved];
    assert.match(ZERO_DRAFT.slice(span.old!.start, span.old!.end), /^## Article 17\. Offences relating to other international treaties/);
    assert.match(CONVENTION_TEXT.slice(span.new!.start, span.new!.end), /^## Article 4\. Offences established/);
    const heading = answer.headings.find((h) => h.old === '17' && h.new === '4')!;
    // Moved: inserted whole at its new place, its heading on a line of its own.
    assert.match(answer.criticmarkup.split('\n')[heading.line], /^## Article 4\. Offences established/);
    assert.match(answer.html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-abc&#39;">/);
    assert.match(answer.html, /<style nonce="abc">/);
    assert.ok(answer.html.includes(`href="command:x.reveal?${encodeURIComponent(JSON.stringify(['s1', 'old', 260]))}"`), 'a link to zero-draft article 17, line 260');
    assert.ok(answer.html.includes(`href="command:x.diff?${encodeURIComponent(JSON.stringify(['s1', moved]))}"`));
    assert.match(answer.text, /^ +17 → +4 +changed, renumbered, moved/m);
  });

  it('answers null to a request without both texts', async () => {
    assert.equal(await server().request('treatymark/compare', { old: { text: 'x' } }), null);
  });
});
