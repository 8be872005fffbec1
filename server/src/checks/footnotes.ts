// footnote.undefined and footnote.unused.
import type { Treaty } from '../model/types';
import { finding, type Finding } from './registry';

export function checkFootnotes(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  for (const f of treaty.footnotes.values()) {
    if (!f.span) {
      for (const r of f.refs) findings.push(finding('footnote.undefined', r, `Footnote [^${f.label}] has no text: add a line "[^${f.label}]: …".`));
    } else if (f.refs.length === 0) {
      findings.push(finding('footnote.unused', f.labelSpan ?? f.span, `Footnote [^${f.label}] is never referred to in the text.`));
    }
  }
  return findings;
}
