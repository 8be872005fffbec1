// Front matter through the `yaml` package: a broken block is recorded as a problem with the
// exact place YAML complains about (checks/frontmatter.ts reports it), and the treaty is
// analysed all the same.
import { isScalar, parseDocument, visit, type Document } from 'yaml';
import type { FrontMatterNode } from '../syntax/tree';
import type { FrontMatter, FrontMatterProblem, InstrumentInfo } from './types';

export function readFrontMatter(text: string, node: FrontMatterNode | undefined): FrontMatter {
  const problems: FrontMatterProblem[] = [];
  const frontMatter: FrontMatter = { instruments: [], data: {}, problems };
  if (!node) return frontMatter;
  if (!node.closed) {
    problems.push({ kind: 'unclosed', span: node.span, message: 'Front matter is never closed: add a line with `---` after its last field.' });
    return frontMatter;
  }
  // A lone CR ends a line (as in the rest of the file and in YAML 1.2), but the yaml package
  // does not read it as one; LF in its place keeps every offset.
  const source = text.slice(node.content.start, node.content.end).replace(/\r(?!\n)/g, '\n');
  const { errors, data } = parseYaml(source);
  for (const error of errors) {
    const [s, e] = error.pos;
    problems.push({
      kind: 'yaml',
      span: { start: node.content.start + s, end: node.content.start + Math.max(e, s + 1) },
      message: `Front matter is not valid YAML: ${firstLine(error.message)}`,
    });
  }
  if (errors.length > 0) return frontMatter;
  if (data === null || data === undefined) return frontMatter;
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ kind: 'form', span: node.content, message: 'Front matter must be a list of `key: value` fields.' });
    return frontMatter;
  }
  const record = data as Record<string, unknown>;
  frontMatter.data = record;
  const str = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    problems.push({ kind: 'form', span: keySpan(source, key, node.content.start), message: `\`${key}\` must be text.` });
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
      problems.push({ kind: 'form', span: keySpan(source, 'instruments', node.content.start), message: '`instruments` must map short names to titles, e.g. `UNTOC: United Nations Convention against Transnational Organized Crime`.' });
    } else {
      for (const [key, value] of Object.entries(instruments as Record<string, unknown>)) {
        const info = instrument(key, value);
        if (info) frontMatter.instruments.push(info);
        else problems.push({ kind: 'form', span: keySpan(source, key, node.content.start), message: `Instrument \`${key}\` needs a title: \`${key}: Full title\` or \`${key}: { title: …, file: … }\`.` });
      }
    }
  }
  return frontMatter;
}

interface ParsedYaml {
  errors: { pos: [number, number]; message: string }[];
  /** The YAML as JavaScript values when it has no errors; shared by the analyses that read it: read only. */
  data: unknown;
}

/**
 * The last few front matters parsed, by their text: each keystroke reads the front matter
 * twice (the analysis and the project's header), and a keystroke in the body leaves it as it was.
 */
const yamlCache = new Map<string, ParsedYaml>();
const YAML_CACHE_SIZE = 4;

function parseYaml(source: string): ParsedYaml {
  const cached = yamlCache.get(source);
  if (cached) {
    // Most recently used last: the first entry is the one to drop.
    yamlCache.delete(source);
    yamlCache.set(source, cached);
    return cached;
  }
  // Duplicate keys are found by `duplicateKeys`: yaml's own check (`uniqueKeys: true`) compares
  // each key with every earlier one, and 40 000 keys took 20 s.
  // logLevel 'error': yaml would print a Node warning (to the server's stderr) for a key such as `[^1]:`.
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const errors = [...doc.errors.map((e) => ({ pos: e.pos, message: e.message })), ...duplicateKeys(doc)].sort((a, b) => a.pos[0] - b.pos[0]);
  const parsed: ParsedYaml = { errors, data: errors.length > 0 ? undefined : (doc.toJS({ maxAliasCount: 100 }) as unknown) };
  yamlCache.set(source, parsed);
  if (yamlCache.size > YAML_CACHE_SIZE) yamlCache.delete(yamlCache.keys().next().value!);
  return parsed;
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

/** Keys repeated in one mapping, as yaml reports them with `uniqueKeys: true` (same message, at the key). */
function duplicateKeys(doc: Document): { pos: [number, number]; message: string }[] {
  const found: { pos: [number, number]; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        // yaml compares with ===, so NaN keys are never equal.
        if (seen.has(value) && !Number.isNaN(value)) {
          const at = pair.key.range?.[0] ?? 0;
          found.push({ pos: [at, at + 1], message: 'Map keys must be unique' });
        }
        seen.add(value);
      }
    },
  });
  return found;
}

function keySpan(source: string, key: string, base: number) {
  // `[ \t]*`, not `\s*`: `\s*` crosses line breaks, and tried at each of many blank lines it was quadratic.
  const m = new RegExp(`^[ \\t]*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*:`, 'm').exec(source);
  const start = m ? base + m.index + m[0].indexOf(key) : base;
  return { start, end: start + (m ? key.length : 0) };
}

function firstLine(message: string): string {
  // `(?<!\s)`: each white-space run is tried once, not from each of its characters (quadratic).
  return message.split('\n')[0].replace(/(?<!\s)\s+at line \d+, column \d+:?$/, '');
}
