// Shared test inputs: the convention, its independent facts, and small text surgery.
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
const CONVENTION_PATH = path.join(ROOT, 'examples', 'convention.treaty');
export const CONVENTION = fs.readFileSync(CONVENTION_PATH, 'utf8');
export const ZERO_DRAFT_PATH = path.join(ROOT, 'examples', 'zero-draft.treaty');

/** The convention's facts, recorded independently of Treatymark; in the repository, so a clone runs every test. */
export function loadFacts(): Facts {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'corpus', 'convention.facts.json'), 'utf8')) as Facts;
}

interface Facts {
  counts: Record<string, number>;
  cross_references: { line: number; text: string; target: string | string[]; context?: string }[];
  defined_terms: Record<string, { as_written: string; defined_in: string; line: number; scope: string; scope_unit: string | null }>;
  interpretative_notes: { heading: string; line: number; targets: string[]; notes: number[] }[];
  articles: { id: string; number: string; heading: string; line: number; units: string[] }[];
}

/** The text without the article whose heading starts with `heading`, up to the next article. */
export function withoutArticle(text: string, number: number): string {
  const start = text.indexOf(`## Article ${number}.`);
  const end = text.indexOf(`## Article ${number + 1}.`);
  if (start < 0 || end < 0) throw new Error(`article ${number} not found`);
  return text.slice(0, start) + text.slice(end);
}

export function insertBefore(text: string, marker: string, insertion: string): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${marker} not found`);
  return text.slice(0, at) + insertion + text.slice(at);
}

/** 0-based line of the first occurrence of `needle`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} not found`);
  return text.slice(0, at).split(/\r\n|\r|\n/).length - 1;
}
