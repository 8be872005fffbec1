// `treatymark/compare`: compares two drafts for the client's "Treatymark: Compare with…".
// The client sends both texts (a file, or a git revision it read), so the server reads
// nothing; the answer holds every rendering the editor shows.
//   params: CompareParams   result: CompareAnswer
import { compareTexts, renderCriticMarkupWithHeadings, renderHtml, renderText, toJson, type ComparisonJson, type HeadingNote } from '../compare';
import type { Feature } from './context';

export const COMPARE_REQUEST = 'treatymark/compare';

export interface CompareParams {
  old: { text: string; name: string };
  new: { text: string; name: string };
  /** For a webview: its Content-Security-Policy and nonce, and the commands its links run. */
  html?: { policy: string; nonce: string; commands?: { reveal: string; diff: string; session: string } };
}

export interface CompareAnswer {
  json: ComparisonJson;
  text: string;
  criticmarkup: string;
  /** Article headings of the CriticMarkup text, with their numbers in both drafts. */
  headings: HeadingNote[];
  html: string;
  /** Per row of json.articles: where the article stands in each text (UTF-16 offsets). */
  spans: { old?: { start: number; end: number }; new?: { start: number; end: number } }[];
}

export const compareFeature: Feature = {
  name: 'compare',
  register(ctx) {
    ctx.connection.onRequest(COMPARE_REQUEST, (params: CompareParams) =>
      ctx.guard<CompareAnswer | null>('compare', null, () => {
        if (typeof params?.old?.text !== 'string' || typeof params?.new?.text !== 'string') return null;
        const c = compareTexts(params.old.text, params.new.text, { oldName: params.old.name ?? 'old', newName: params.new.name ?? 'new' });
        const commands = params.html?.commands;
        const link = commands
          ? (target: { side: 'old' | 'new'; line: number } | { diff: number }) =>
              'diff' in target
                ? `command:${commands.diff}?${encodeURIComponent(JSON.stringify([commands.session, target.diff]))}`
                : `command:${commands.reveal}?${encodeURIComponent(JSON.stringify([commands.session, target.side, target.line]))}`
          : undefined;
        const { text: criticmarkup, headings } = renderCriticMarkupWithHeadings(c);
        const span = (u?: { span: { start: number; end: number } }) => (u ? { start: u.span.start, end: u.span.end } : undefined);
        return {
          json: toJson(c),
          text: renderText(c),
          criticmarkup,
          headings,
          html: renderHtml(c, { csp: params.html ? { policy: params.html.policy, nonce: params.html.nonce } : undefined, link }),
          spans: c.articles.map((row) => ({ old: span(row.old), new: span(row.new) })),
        };
      }),
    );
  },
};
