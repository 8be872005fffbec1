// What checks/registry.ts says, written out for package.json (the per-code severity settings)
// and docs/diagnostics.md. Pure: scripts/gen-diagnostics.ts writes the files,
// test/unit/registry.test.ts compares them with these.
import { DIAGNOSTICS, type DiagnosticCode } from '../server/src/checks/registry';

export const SETTING = 'treatymark.diagnostics.severity';

const LEVEL_SCHEMA = {
  type: 'string',
  enum: ['error', 'warning', 'information', 'hint', 'off'],
  enumDescriptions: [
    'Shown as an error.',
    'Shown as a warning.',
    'Shown as information.',
    'Shown as a hint (dotted underline, not in the Problems count).',
    'Not reported.',
  ],
};

export const codes = (): DiagnosticCode[] => Object.keys(DIAGNOSTICS) as DiagnosticCode[];

/** The `properties` of the severity setting: one per code, saying its default. */
export function severityProperties(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const code of codes()) {
    const { severity, description } = DIAGNOSTICS[code];
    out[code] = { ...LEVEL_SCHEMA, markdownDescription: `${description} Default: \`${severity}\`.` };
  }
  return out;
}

/** package.json's text with the severity settings as the registry says; the rest as it was. */
export function withSeveritySettings(packageJson: string): string {
  const pkg = JSON.parse(packageJson);
  const setting = pkg.contributes.configuration.properties[SETTING];
  setting.properties = severityProperties();
  return JSON.stringify(pkg, null, 2) + '\n';
}

// GitHub's anchor of a heading `## reference.dangling`: punctuation dropped.
const anchor = (code: string) => code.toLowerCase().replace(/[^a-z0-9 -]/g, '');

export function diagnosticsDoc(): string {
  const lines = [
    '# Diagnostics',
    '',
    '<!-- Generated from server/src/checks/registry.ts by `npm run gen:diagnostics`: edit the registry, not this file. -->',
    '',
    'Every problem Treatymark reports has a stable code, shown in the Problems panel, by',
    '`treatymark check` and to every LSP client. Each code has a default severity; the setting',
    '`treatymark.diagnostics.severity` changes it per code (`error`, `warning`, `information`,',
    '`hint` or `off`), and a key `kind.*` sets every code of a kind, as `numbering.*`. How other',
    'editors send the setting: [other-editors.md](other-editors.md).',
    '',
    '| code | default | when |',
    '|---|---|---|',
    ...codes().map((c) => `| [\`${c}\`](#${anchor(c)}) | ${DIAGNOSTICS[c].severity} | ${DIAGNOSTICS[c].description} |`),
  ];
  for (const c of codes()) {
    lines.push('', `## ${c}`, '', `Default: **${DIAGNOSTICS[c].severity}**. ${DIAGNOSTICS[c].description}`, '', DIAGNOSTICS[c].docs);
  }
  return lines.join('\n') + '\n';
}
