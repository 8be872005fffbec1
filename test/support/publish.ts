// What the published outputs are held to, computed from the source text without the export
// code: the treaty's words in order, and readers for each output (the AKN schema through
// libxml2, a .docx through LibreOffice and its zip, HTML by stripping its tags).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { unzipSync, strFromU8 } from 'fflate';
import type { Treaty } from '../../server/src/model/types';
import { ROOT } from './corpus';

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words, in order. */
export function words(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => w.toLowerCase());
}

/**
 * The words a reader of the printed treaty sees, in order: front matter and footnote texts
 * left out (they are printed elsewhere), comments kept or not, and each footnote reference
 * as `mark(n)` for the n-th reference (Word numbers them 1, 2, … after the word they follow).
 */
export function sourceWords(treaty: Treaty, options: { comments: boolean; footnoteMark: (n: number) => string }): string[] {
  const t = treaty.text;
  const hide: { start: number; end: number; put?: string }[] = [];
  if (treaty.syntax.frontMatter) hide.push(treaty.syntax.frontMatter.span);
  for (const b of treaty.syntax.blocks) {
    if (b.type !== 'footnoteDef') continue;
    // A comment opened in a footnote's text and left open takes the next lines into the footnote.
    const end = Math.max(b.span.end, ...treaty.syntax.critic.filter((c) => c.kind === 'comment' && c.span.start >= b.span.start && c.span.start < b.span.end).map((c) => c.span.end));
    hide.push({ start: b.span.start, end });
  }
  // CriticMarkup's delimiters are no part of the words (`Convention{--IN` reads "ConventionIN").
  for (const c of treaty.syntax.critic) {
    if (c.kind === 'comment' && !options.comments) {
      hide.push({ ...c.span, put: '' });
      continue;
    }
    // A comment shown is a note of its own, apart from the word before it.
    hide.push({ start: c.span.start, end: c.span.start + 3, put: c.kind === 'comment' ? ' ' : '' });
    if (c.separator !== undefined) hide.push({ start: c.separator, end: c.separator + 2, put: '' });
    if (c.closed) hide.push({ start: c.span.end - 3, end: c.span.end, put: '' });
  }
  // A reference to a footnote that has no text stays as written.
  treaty.syntax.footnoteRefs.filter((r) => treaty.footnotes.get(r.label)?.textSpan).forEach((r, i) => hide.push({ ...r.span, put: options.footnoteMark(i + 1) }));
  hide.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const h of hide) {
    if (h.start < at) continue;
    out += t.slice(at, h.start) + (h.put ?? ' ');
    at = h.end;
  }
  return words(out + t.slice(at));
}

/** The visible text of an exported page, without what is printed apart from the text (contents, cover, footnotes, marks). */
export function htmlBodyText(html: string): string {
  const drop = [
    /<head>[\s\S]*?<\/head>/g,
    /<div class="tm-toolbar">[\s\S]*?<\/div>/g,
    /<header class="tm-cover">[\s\S]*?<\/header>/g,
    /<nav class="tm-toc"[\s\S]*?<\/nav>/g,
    /<section class="tm-footnotes"[\s\S]*?<\/section>/g,
    /<sup class="tm-(?:fnref|comment-ref)"[\s\S]*?<\/sup>/g,
  ];
  let s = html;
  for (const r of drop) s = s.replace(r, ' ');
  // Inline elements join the words they hold to their neighbours; the others separate them.
  return decode(s.replace(/<\/?(?:a|em|i|dfn|cite|span|ins|del|mark|sup)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' '));
}

export function decode(s: string): string {
  return s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** The entries of a .docx (a zip), as text. */
export function docxParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) out[name] = strFromU8(data);
  return out;
}

/**
 * LibreOffice, installed from Debian's packages when it is missing and this runs as root (as
 * the real-editor suite installs Chromium), so that the README's test command passes on a
 * fresh machine; otherwise a clear message says what to install. Checked once per run.
 */
let sofficeReady = false;
function ensureSoffice(): void {
  if (sofficeReady || !spawnSync('soffice', ['--version'], { encoding: 'utf8' }).error) {
    sofficeReady = true;
    return;
  }
  const install = 'apt-get install -y --no-install-recommends libreoffice-writer-nogui';
  if (process.platform !== 'linux' || process.getuid?.() !== 0) throw new Error(`LibreOffice (soffice) is needed for this test: ${install}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', '--no-install-recommends', 'libreoffice-writer-nogui']]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env, timeout: 900_000 });
    if (r.status !== 0) throw new Error(`Could not install LibreOffice (apt-get ${args.join(' ')}): ${r.error?.message ?? `exit ${r.status}`}`);
  }
  sofficeReady = true;
}

/**
 * The document as LibreOffice reads it, converted to plain text (tracked changes shown).
 * LibreOffice is installed on first use when missing (see ensureSoffice).
 */
export function libreOfficeText(bytes: Uint8Array, name: string): string {
  ensureSoffice();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-lo-'));
  try {
    const file = path.join(dir, `${name}.docx`);
    fs.writeFileSync(file, bytes);
    // Its own profile: a second LibreOffice (a drafter's) must not block this one.
    const profile = `file://${path.join(dir, 'profile')}`;
    const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, file], { encoding: 'utf8', timeout: 120_000 });
    if (r.error) throw new Error(`LibreOffice (soffice) is needed for this test: apt-get install libreoffice-writer-nogui (${r.error.message})`);
    const out = path.join(dir, `${name}.txt`);
    if (!fs.existsSync(out)) throw new Error(`LibreOffice did not convert ${name}.docx: ${r.stdout}${r.stderr}`);
    return fs.readFileSync(out, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const AKN_SCHEMA = path.join(ROOT, 'test', 'fixtures', 'akn', 'akomantoso30.xsd');

export interface AknChecker {
  /** Schema errors, each `line: message`. */
  validate(xml: string): string[];
  /** Runs `f` on the parsed document (namespace prefix `a`). */
  query<T>(xml: string, f: (q: { count(xpath: string): number; values(xpath: string): string[] }) => T): T;
  dispose(): void;
}

/** libxml2 (WebAssembly) with the strict OASIS schema, vendored under test/fixtures/akn/. */
export async function aknChecker(): Promise<AknChecker> {
  const lx = await import('libxml2-wasm');
  const node = await import('libxml2-wasm/lib/nodejs.mjs');
  // The schema imports ./xml.xsd: resolved beside it on disk.
  node.xmlRegisterFsInputProviders();
  const xsd = lx.XmlDocument.fromBuffer(fs.readFileSync(AKN_SCHEMA), { url: `file://${AKN_SCHEMA}` });
  const validator = lx.XsdValidator.fromDoc(xsd);
  const ns = { a: 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0' };
  return {
    validate(xml) {
      const doc = lx.XmlDocument.fromString(xml);
      try {
        validator.validate(doc);
        return [];
      } catch (e) {
        if (e instanceof lx.XmlValidateError) return e.details.map((d) => `${d.line}: ${d.message.trim()}`);
        throw e;
      } finally {
        doc.dispose();
      }
    },
    query(xml, f) {
      const doc = lx.XmlDocument.fromString(xml);
      try {
        return f({
          count: (xpath) => Number(doc.eval(`count(${xpath})`, ns)),
          values: (xpath) => doc.find(xpath, ns).map((n) => (n as { content: string }).content),
        });
      } finally {
        doc.dispose();
      }
    },
    dispose() {
      validator.dispose();
      xsd.dispose();
    },
  };
}

/** The schema checker for the enclosing `describe`: loaded before its tests, freed after them. */
export function aknCheckerForSuite(): () => AknChecker {
  let akn: AknChecker | undefined;
  before(async () => {
    akn = await aknChecker();
  });
  after(() => akn?.dispose());
  return () => akn!;
}
