// Publishing a treaty: one model, three outputs (see document.ts for the walk they share).
import type { Treaty } from '../model/types';
import { renderAkn, type AknOptions } from './akn';
import { buildDocument } from './document';
import { renderDocx, type DocxOptions } from './docx';
import { htmlParts, renderHtml, type HtmlOptions } from './html';

export const EXPORT_FORMATS = ['html', 'docx', 'akn'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension of each format. */
export const EXTENSIONS: Record<ExportFormat, string> = { html: '.html', docx: '.docx', akn: '.xml' };

export type ExportOptions = HtmlOptions & AknOptions & DocxOptions;

/** The treaty in one format: text for HTML and AKN, bytes for Word. */
export async function exportTreaty(treaty: Treaty, format: ExportFormat, options: ExportOptions = {}): Promise<string | Uint8Array> {
  const doc = buildDocument(treaty);
  if (format === 'html') return renderHtml(doc, options);
  if (format === 'akn') return renderAkn(doc, options);
  return renderDocx(doc, options);
}

export { buildDocument, htmlParts, renderAkn, renderDocx, renderHtml };
export type { DocNode, Para, PubDoc } from './document';
export type { HtmlParts } from './html';
