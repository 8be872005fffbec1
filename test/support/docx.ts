// Small Word packages written in a test, to pin one behaviour of the import: the body's XML
// (inside `w:body`) and, if the case needs them, numbering, styles, comments and footnotes.
import { strToU8, zipSync } from 'fflate';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"';

export interface DocxParts {
  body: string;
  numbering?: string;
  styles?: string;
  comments?: string;
  commentsExtended?: string;
  footnotes?: string;
  title?: string;
}

/** Each optional part: its relationship type, which is also its file name (`styles` → word/styles.xml). */
const RELATED: (keyof DocxParts)[] = ['styles', 'numbering', 'comments', 'commentsExtended', 'footnotes'];

const ROOTS: Record<string, string> = { styles: 'styles', numbering: 'numbering', comments: 'comments', commentsExtended: 'commentsEx', footnotes: 'footnotes' };

export function makeDocx(parts: DocxParts): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const xml = (s: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  files['[Content_Types].xml'] = xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  files['_rels/.rels'] = xml(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  files['word/document.xml'] = xml(`<w:document ${W}><w:body>${parts.body}</w:body></w:document>`);
  const rels: string[] = [];
  for (const key of RELATED) {
    const [type, target] = [key, `${key}.xml`];
    const content = parts[key];
    if (content === undefined) continue;
    const ns = key === 'commentsExtended' ? 'w15' : 'w';
    files[`word/${target}`] = xml(`<${ns}:${ROOTS[key]} ${W}>${content}</${ns}:${ROOTS[key]}>`);
    const base = key === 'commentsExtended' ? 'http://schemas.microsoft.com/office/2011/relationships' : 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    rels.push(`<Relationship Id="r${rels.length + 1}" Type="${base}/${type}" Target="${target}"/>`);
  }
  files['word/_rels/document.xml.rels'] = xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  if (parts.title !== undefined) {
    files['docProps/core.xml'] = xml(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${parts.title}</dc:title></cp:coreProperties>`);
  }
  return zipSync(files);
}

/** A paragraph: `p('text')`, `p('text', { style: 'Heading2' })`, `p('text', { num: [3, 1] })`. */
export function p(runs: string, options: { style?: string; num?: [number, number] } = {}): string {
  const pPr = [options.style ? `<w:pStyle w:val="${options.style}"/>` : '', options.num ? `<w:numPr><w:ilvl w:val="${options.num[1]}"/><w:numId w:val="${options.num[0]}"/></w:numPr>` : ''].join('');
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
}

/** A run of text; `italic` makes it italic. */
export function r(text: string, italic = false): string {
  return `<w:r>${italic ? '<w:rPr><w:i/></w:rPr>' : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
}

/** A level of an abstract list: `lvl(0, 'decimal', '%1.')`. */
export function lvl(ilvl: number, format: string, text: string, extra = ''): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
}

/** The treaty list Word writes: `1.`, `(a)`, `(i)`. */
export const TREATY_LEVELS = lvl(0, 'decimal', '%1.') + lvl(1, 'lowerLetter', '(%2)') + lvl(2, 'lowerRoman', '(%3)');
