// `treatymark/import`: imports a Word document (or a text) for the client's "Treatymark:
// Import Word document…". The client reads the file and sends its bytes, so the server reads
// nothing (the same in a web worker); the answer is the treaty text or one line saying why
// the file cannot be imported.
//   params: ImportParams   result: ImportResult | null
import { importFile, type ImportResult } from '../import';
import type { Feature } from './context';

export const IMPORT_REQUEST = 'treatymark/import';

export interface ImportParams {
  /** The file's name, for messages (`draft.docx`). */
  name: string;
  /** The file's bytes, base64. */
  data: string;
}

export type { ImportResult };

function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function answer(params: ImportParams): ImportResult | null {
  if (typeof params?.data !== 'string') return null;
  const name = typeof params.name === 'string' && params.name ? params.name : 'the file';
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(params.data);
  } catch {
    return { ok: false, message: `${name} did not reach the language server intact; try again.` };
  }
  return importFile(bytes, name);
}

export const importFeature: Feature = {
  name: 'import',
  register(ctx) {
    ctx.connection.onRequest<ImportResult | null, unknown>(IMPORT_REQUEST, (params: ImportParams) => ctx.guard<ImportResult | null>('import', null, () => answer(params)));
  },
};
