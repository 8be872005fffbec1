// `treatymark.*` settings: pulled with workspace/configuration when the client can,
// otherwise taken from didChangeConfiguration (or initializationOptions.settings).
//
//   treatymark.diagnostics.severity  { "definition.unused": "hint", "reference.placeholder": "off", "numbering.*": "warning" }
//   treatymark.codeLens.enabled      true
import type { Connection } from 'vscode-languageserver';
import type { DiagnosticCode, Severity } from '../checks/registry';

/** A code's level: a severity, or `off`. The codes and their defaults are in checks/registry.ts. */
export type Level = Severity | 'off';

const LEVELS = new Set<Level>(['error', 'warning', 'information', 'hint', 'off']);
const ALIASES: Record<string, Level> = { info: 'information', warn: 'warning', none: 'off', ignore: 'off' };

interface TreatymarkSettings {
  diagnostics: { severity: Record<string, Level> };
  codeLens: { enabled: boolean };
}

function defaultSettings(): TreatymarkSettings {
  return { diagnostics: { severity: {} }, codeLens: { enabled: true } };
}

/** Reads whatever the client sent for the `treatymark` section, ignoring what is malformed. */
export function parseSettings(raw: unknown): TreatymarkSettings {
  const out = defaultSettings();
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const diagnostics = r.diagnostics as Record<string, unknown> | undefined;
  // Flat keys too ("diagnostics.severity": {...}), as some clients send them.
  const severity = (diagnostics && typeof diagnostics === 'object' ? diagnostics.severity : undefined) ?? r['diagnostics.severity'];
  if (severity && typeof severity === 'object' && !Array.isArray(severity)) {
    for (const [code, value] of Object.entries(severity as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      const level = (ALIASES[value.toLowerCase()] ?? value.toLowerCase()) as Level;
      if (LEVELS.has(level)) out.diagnostics.severity[code] = level;
    }
  }
  const codeLens = r.codeLens as Record<string, unknown> | undefined;
  const enabled = codeLens && typeof codeLens === 'object' ? codeLens.enabled : r['codeLens.enabled'];
  if (typeof enabled === 'boolean') out.codeLens.enabled = enabled;
  return out;
}

export class Settings {
  current: TreatymarkSettings = defaultSettings();
  private pull = false;

  constructor(private readonly connection: Connection) {}

  /** Use workspace/configuration (the client said it answers it). */
  usePull(enabled: boolean): void {
    this.pull = enabled;
  }

  /** After didChangeConfiguration (or at start): the settings now in force. */
  async refresh(pushed?: unknown): Promise<TreatymarkSettings> {
    if (this.pull) {
      try {
        const raw = await this.connection.workspace.getConfiguration({ section: 'treatymark' });
        // A client with nothing configured answers null: what was given at start stays.
        if (raw !== null && raw !== undefined) this.current = parseSettings(raw);
        return this.current;
      } catch {
        // The client said it could answer and did not; fall back to what it pushed.
      }
    }
    if (pushed !== undefined) {
      const p = pushed as Record<string, unknown> | null;
      this.current = parseSettings(p && typeof p === 'object' && 'treatymark' in p ? p.treatymark : p);
    }
    return this.current;
  }

  /** The level of a diagnostic code: exact code, then `prefix.*`, then `prefix`, then the core's. */
  levelFor(code: DiagnosticCode, core: Level): Level {
    const map = this.current.diagnostics.severity;
    if (map[code]) return map[code];
    const prefix = code.split('.')[0];
    return map[`${prefix}.*`] ?? map[prefix] ?? map['*'] ?? core;
  }
}
