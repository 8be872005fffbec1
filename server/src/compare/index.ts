// Comparing two drafts: the layer's entry points for the checker and the language server.
import type { Comparison } from './compare';
import { renderCriticMarkup } from './render/criticmarkup';
import { renderHtml } from './render/html';
import { renderJson } from './render/json';
import { renderText } from './render/text';

export { compareTexts, compareTreaties, type Comparison, type CompareOptions, type ArticleRow, type UnitRow, type Status } from './compare';
export { renderCriticMarkup, renderCriticMarkupWithHeadings, type HeadingNote } from './render/criticmarkup';
export { renderHtml, type HtmlOptions } from './render/html';
export { renderJson, toJson, type ComparisonJson, type ArticleJson, type ParagraphJson } from './render/json';
export { renderText } from './render/text';

export const FORMATS = ['text', 'json', 'criticmarkup', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export function render(c: Comparison, format: Format): string {
  switch (format) {
    case 'json':
      return renderJson(c);
    case 'criticmarkup':
      return renderCriticMarkup(c);
    case 'html':
      return renderHtml(c);
    default:
      return renderText(c);
  }
}
