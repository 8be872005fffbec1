// `--format json`: the correspondence as data. Article numbers as printed ("7 bis"); `old` is
// null for an added article, `new` null for a deleted one; lines are 1-based.
import type { Comparison, Status, Summary, UnitRow } from '../compare';
import { articleNumber, lineOf, paragraphLabel, placeOf, wordChanges, type WordChange } from '../labels';

export interface ArticleJson {
  old: string | null;
  new: string | null;
  status: Status;
  renumbered: boolean;
  moved: boolean;
  title: { old?: string; new?: string };
  /** The chapter (part, section, annex) it stands in. */
  place: { old?: string; new?: string };
  line: { old?: number; new?: number };
  /** 0…1, 1 for identical texts up to numbering; 0 for added and deleted articles. */
  similarity: number;
  paragraphs: ParagraphJson[];
  changes: WordChange[];
}

export interface ParagraphJson {
  old: string | null;
  new: string | null;
  status: Status;
  renumbered: boolean;
  moved: boolean;
}

export interface ComparisonJson {
  old: { file: string; articles: number };
  new: { file: string; articles: number };
  articles: ArticleJson[];
  summary: Summary;
}

export function toJson(c: Comparison): ComparisonJson {
  return {
    old: { file: c.old.name, articles: c.summary.articles.old },
    new: { file: c.new.name, articles: c.summary.articles.new },
    articles: c.articles.map((row) => ({
      old: row.old ? articleNumber(row.old) : null,
      new: row.new ? articleNumber(row.new) : null,
      status: row.status,
      renumbered: row.renumbered,
      moved: row.moved,
      title: defined({ old: row.old?.title, new: row.new?.title }),
      place: defined({ old: row.old && placeOf(row.old), new: row.new && placeOf(row.new) }),
      line: defined({ old: row.old && lineOf(c, 'old', row.old), new: row.new && lineOf(c, 'new', row.new) }),
      similarity: Math.round(row.score * 100) / 100,
      paragraphs: row.paragraphs.map(paragraphJson),
      changes: wordChanges(c, row),
    })),
    summary: c.summary,
  };
}

function paragraphJson(p: UnitRow): ParagraphJson {
  return { old: p.old ? paragraphLabel(p.old) : null, new: p.new ? paragraphLabel(p.new) : null, status: p.status, renumbered: p.renumbered, moved: p.moved };
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function renderJson(c: Comparison): string {
  return JSON.stringify(toJson(c), null, 2) + '\n';
}
