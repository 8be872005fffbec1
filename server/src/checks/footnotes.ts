// footnote.undefined and footnote.unused.
import type { Finding, Treaty } from '../model/types';

export function checkFootnotes(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  for (const f of treaty.footnotes.values()) {
    if (!f.span) {
      for (const r of f.refs) findings.push({ code: 'footnote.undefined', severity: 'error', span: r, message: `Footnote [^${f.label}] has no text: add a line "[^${f.label}]: …".` });
    } else if (f.refs.length === 0) {
      findings.push({ code: 'footnote.unused', severity: 'warning', span: f.labelSpan ?? f.span, message: `Footnote [^${f.label}] is never referred to in the text.` });
    }
  }
  return findings;
}
