// Front matter through the `yaml` package: a broken block is a finding with the
// exact place YAML complains about, and the treaty is analysed all the same.
import { parseDocument } from 'yaml';
import type { FrontMatterNode } from '../syntax/tree';
import type { Finding, FrontMatter, InstrumentInfo } from './types';

export function readFrontMatter(text: string, node: FrontMatterNode | undefined): { frontMatter: FrontMatter; findings: Finding[] } {
  const frontMatter: FrontMatter = { instruments: [], data: {} };
  const findings: Finding[] = [];
  if (!node) return { frontMatter, findings };
  if (!node.closed) {
    findings.push({
      code: 'frontmatter.invalid',
      severity: 'error',
      span: node.span,
      message: 'Front matter is never closed: add a line with `---` after its last field.',
    });
    return { frontMatter, findings };
  }
  const source = text.slice(node.content.start, node.content.end);
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    const [s, e] = error.pos;
    findings.push({
      code: 'frontmatter.invalid',
      severity: 'error',
      span: { start: node.content.start + s, end: node.content.start + Math.max(e, s + 1) },
      message: `Front matter is not valid YAML: ${firstLine(error.message)}`,
    });
  }
  if (doc.errors.length > 0) return { frontMatter, findings };
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || data === undefined) return { frontMatter, findings };
  if (typeof data !== 'object' || Array.isArray(data)) {
    findings.push({ code: 'frontmatter.invalid', severity: 'error', span: node.content, message: 'Front matter must be a list of `key: value` fields.' });
    return { frontMatter, findings };
  }
  const record = data as Record<string, unknown>;
  frontMatter.data = record;
  const str = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    findings.push({ code: 'frontmatter.invalid', severity: 'error', span: keySpan(source, key, node.content.start), message: `\`${key}\` must be text.` });
    return undefined;
  };
  frontMatter.title = str('title');
  frontMatter.shortTitle = str('short-title');
  frontMatter.status = str('status');
  frontMatter.symbol = str('symbol');
  frontMatter.notesFile = str('notes');
  const instruments = record.instruments;
  if (instruments !== undefined && instruments !== null) {
    if (typeof instruments !== 'object' || Array.isArray(instruments)) {
      findings.push({ code: 'frontmatter.invalid', severity: 'error', span: keySpan(source, 'instruments', node.content.start), message: '`instruments` must map short names to titles, e.g. `UNTOC: United Nations Convention against Transnational Organized Crime`.' });
    } else {
      for (const [key, value] of Object.entries(instruments as Record<string, unknown>)) {
        const info = instrument(key, value);
        if (info) frontMatter.instruments.push(info);
        else findings.push({ code: 'frontmatter.invalid', severity: 'error', span: keySpan(source, key, node.content.start), message: `Instrument \`${key}\` needs a title: \`${key}: Full title\` or \`${key}: { title: …, file: … }\`.` });
      }
    }
  }
  return { frontMatter, findings };
}

function instrument(key: string, value: unknown): InstrumentInfo | undefined {
  if (typeof value === 'string') return { key, title: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const title = typeof v.title === 'string' ? v.title : key;
    const file = typeof v.file === 'string' ? v.file : undefined;
    return { key, title, file };
  }
  return undefined;
}

function keySpan(source: string, key: string, base: number) {
  const m = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'm').exec(source);
  const start = m ? base + m.index + m[0].indexOf(key) : base;
  return { start, end: start + (m ? key.length : 0) };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
}
