// `treatymark/preview` and `treatymark/export`: the treaty rendered for the editor's live
// preview (the same HTML as the printed page, in parts the webview assembles under its own
// Content-Security-Policy), and exported as HTML, Word or Akoma Ntoso for the export and
// print commands. Both read the document as it stands in the editor, notes file included.
//   treatymark/preview  params: { textDocument: { uri } }                     result: PreviewAnswer | null
//   treatymark/export   params: { textDocument: { uri }, format, date? }      result: ExportAnswer | null
import { buildDocument, exportTreaty, EXPORT_FORMATS, htmlParts, type ExportFormat, type HtmlParts } from '../export';
import type { Feature, ServerContext } from './context';

export const PREVIEW_REQUEST = 'treatymark/preview';
export const EXPORT_REQUEST = 'treatymark/export';

export interface PreviewAnswer extends HtmlParts {
  uri: string;
  /** The document version the preview shows. */
  version: number | null;
  /** Lines of the document (for the scroll sync's last element). */
  lineCount: number;
}

export interface ExportAnswer {
  format: ExportFormat;
  /** UTF-8 text for html and akn; base64 for docx. */
  data: string;
  encoding: 'utf8' | 'base64';
  /** Errors in the treaty: exported all the same, the client says so. */
  errors: number;
}

interface Params {
  textDocument?: { uri?: string };
  format?: string;
  date?: string;
}

export const publishFeature: Feature = {
  name: 'publish',
  register(ctx) {
    ctx.connection.onRequest(PREVIEW_REQUEST, (params: Params) => ctx.guard<PreviewAnswer | null>('preview', null, () => preview(ctx, params)));
    ctx.connection.onRequest(EXPORT_REQUEST, (params: Params) => ctx.guardAsync<ExportAnswer | null>('export', null, () => exportFile(ctx, params)));
  },
};

function preview(ctx: ServerContext, params: Params): PreviewAnswer | null {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') return null;
  const bundle = ctx.workspace.bundle(uri);
  const part = bundle?.partFor(ctx.workspace.key(uri));
  if (!bundle || !part) return null;
  // `data-line` only on text of this document: the notes file's lines are another file's.
  const lineOf = (offset: number) => (bundle.partAt(offset) === part ? part.lines.positionAt(offset - part.base).line : undefined);
  const parts = htmlParts(buildDocument(bundle.treaty), { mode: 'preview', lineOf });
  return { ...parts, uri, version: ctx.workspace.documents.get(uri)?.version ?? null, lineCount: part.lines.lineCount };
}

async function exportFile(ctx: ServerContext, params: Params): Promise<ExportAnswer | null> {
  const uri = params?.textDocument?.uri;
  const format = params?.format as ExportFormat;
  if (typeof uri !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) return null;
  const bundle = ctx.workspace.bundle(uri);
  if (!bundle) return null;
  const today = new Date().toISOString().slice(0, 10);
  const date = typeof params.date === 'string' ? params.date : today;
  const data = await exportTreaty(bundle.treaty, format, { date, generated: today });
  const errors = bundle.findings.filter((f) => f.severity === 'error').length;
  if (typeof data === 'string') return { format, data, encoding: 'utf8', errors };
  return { format, data: base64(data), encoding: 'base64', errors };
}

/** Base64 without Node's Buffer: the server also runs in a browser worker. */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
