// Maps the extension's settings (`crosscheck.*`, camelCase) to the keys the server reads
// (`crosscheck.toml`'s snake_case keys). Pure: no `vscode` import, so node's test runner can
// check it without VS Code (test/config.test.js).

/** The settings a user can set under `crosscheck.` that mirror crosscheck.toml. */
export const SERVER_SETTING_KEYS = [
  'include',
  'exclude',
  'maxFileBytes',
  'approxTolerance',
  'rules',
  'ignore',
  'entities',
] as const;

export type ServerSettingKey = (typeof SERVER_SETTING_KEYS)[number];

export const RULE_LEVELS = ['off', 'hint', 'information', 'warning', 'error'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export interface IgnoreEntry {
  path?: string;
  code?: string;
  text?: string;
}

export interface EntityNote {
  description?: string;
  link?: string;
  spelling?: string;
}

/** What the server receives: only the keys the user set, snake_case, as in crosscheck.toml. */
export interface ServerConfig {
  include?: string[];
  exclude?: string[];
  max_file_bytes?: number;
  approx_tolerance?: number;
  rules?: Record<string, RuleLevel>;
  ignore?: IgnoreEntry[];
  entities?: Record<string, EntityNote>;
}

/** A problem with one setting, to show to the user; the setting is then left out. */
export interface SettingProblem {
  setting: string;
  message: string;
}

/**
 * Reads one setting; returns `undefined` when the user did not set it anywhere (so the
 * server keeps crosscheck.toml's value or its default). In the extension this is
 * `WorkspaceConfiguration.inspect`; in tests, a plain object.
 */
export type SettingReader = (key: ServerSettingKey) => unknown;

const LEVEL_ALIASES: Record<string, RuleLevel> = {
  off: 'off',
  none: 'off',
  false: 'off',
  hint: 'hint',
  info: 'information',
  information: 'information',
  warn: 'warning',
  warning: 'warning',
  error: 'error',
};

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pickStrings<K extends string>(
  v: Record<string, unknown>,
  keys: readonly K[],
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    if (typeof v[k] === 'string' && v[k] !== '') out[k] = v[k] as string;
  }
  return out;
}

/** Builds the server's configuration from the user's settings. */
export function toServerConfig(read: SettingReader): {
  config: ServerConfig;
  problems: SettingProblem[];
} {
  const config: ServerConfig = {};
  const problems: SettingProblem[] = [];
  const bad = (key: ServerSettingKey, message: string) =>
    problems.push({ setting: `crosscheck.${key}`, message });

  for (const key of ['include', 'exclude'] as const) {
    const v = read(key);
    if (v === undefined || v === null) continue;
    if (isStringArray(v)) config[key] = v.filter((g) => g.trim() !== '');
    else bad(key, 'must be a list of glob strings');
  }

  const maxBytes = read('maxFileBytes');
  if (maxBytes !== undefined && maxBytes !== null) {
    if (typeof maxBytes === 'number' && Number.isInteger(maxBytes) && maxBytes > 0) {
      config.max_file_bytes = maxBytes;
    } else bad('maxFileBytes', 'must be a positive whole number of bytes');
  }

  const tol = read('approxTolerance');
  if (tol !== undefined && tol !== null) {
    if (typeof tol === 'number' && tol >= 0 && tol < 1) config.approx_tolerance = tol;
    else bad('approxTolerance', 'must be a number from 0 up to (not including) 1, e.g. 0.1 for ±10%');
  }

  const rules = read('rules');
  if (rules !== undefined && rules !== null) {
    if (!isPlainObject(rules)) bad('rules', 'must be an object of diagnostic code → severity or "off"');
    else {
      const out: Record<string, RuleLevel> = {};
      for (const [code, level] of Object.entries(rules)) {
        const norm =
          level === false ? 'off' : typeof level === 'string' ? LEVEL_ALIASES[level.trim().toLowerCase()] : undefined;
        if (norm) out[code.trim()] = norm;
        else
          bad('rules', `"${code}": ${JSON.stringify(level)} is not one of ${RULE_LEVELS.join(', ')}`);
      }
      if (Object.keys(out).length > 0) config.rules = out;
    }
  }

  const ignore = read('ignore');
  if (ignore !== undefined && ignore !== null) {
    if (!Array.isArray(ignore)) bad('ignore', 'must be a list of { path, code, text } entries');
    else {
      const out: IgnoreEntry[] = [];
      ignore.forEach((e, i) => {
        const entry = isPlainObject(e) ? pickStrings(e, ['path', 'code', 'text'] as const) : {};
        if (Object.keys(entry).length > 0) out.push(entry);
        else bad('ignore', `entry ${i + 1} needs at least one of path, code, text`);
      });
      if (out.length > 0) config.ignore = out;
    }
  }

  const entities = read('entities');
  if (entities !== undefined && entities !== null) {
    if (!isPlainObject(entities)) bad('entities', 'must be an object of entity name → note');
    else {
      const out: Record<string, EntityNote> = {};
      for (const [name, note] of Object.entries(entities)) {
        if (isPlainObject(note)) out[name] = pickStrings(note, ['description', 'link', 'spelling'] as const);
        else bad('entities', `"${name}" must be an object with description, link or spelling`);
      }
      if (Object.keys(out).length > 0) config.entities = out;
    }
  }

  return { config, problems };
}

/**
 * The `settings` of `workspace/didChangeConfiguration`: the crosscheck.toml keys under the
 * section name, `crosscheck` (the server also accepts them at the top level).
 */
export function didChangeConfigurationSettings(config: ServerConfig): Record<string, unknown> {
  return { crosscheck: config };
}

/** The value of one setting if the user set it (folder, workspace or user level), else `undefined`. */
export function explicitValue<T>(
  inspected: { globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T } | undefined,
): T | undefined {
  if (!inspected) return undefined;
  return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
}

/** The program and arguments that start the server. */
export function serverCommand(configuredPath: string | undefined, bundledPath: string | undefined): {
  command: string;
  args: string[];
  source: 'setting' | 'bundled' | 'path';
} {
  const p = (configuredPath ?? '').trim();
  if (p !== '') return { command: expandHome(p), args: ['lsp'], source: 'setting' };
  if (bundledPath) return { command: bundledPath, args: ['lsp'], source: 'bundled' };
  return { command: 'crosscheck', args: ['lsp'], source: 'path' };
}

function expandHome(p: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  if (home && (p === '~' || p.startsWith('~/'))) return home + p.slice(1);
  return p;
}
