// Unit test of the settings → server configuration mapping (no VS Code needed):
//   npm test   (bundles src/config.ts to dist/config.js, then runs node --test)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const {
  toServerConfig,
  didChangeConfigurationSettings,
  explicitValue,
  serverCommand,
} = require('../dist/config.js');

const from = (settings) => toServerConfig((key) => settings[key]);

test('unset settings send nothing, so crosscheck.toml and the defaults apply', () => {
  assert.deepEqual(from({}), { config: {}, problems: [] });
});

test('every setting maps to the snake_case key of crosscheck.toml', () => {
  const { config, problems } = from({
    include: ['stories/**/*.md', '  '],
    exclude: ['drafts/old/**'],
    maxFileBytes: 1048576,
    approxTolerance: 0.05,
    rules: { 'figure-differs': 'off', 'name-variant': 'error', 'figure-conflict': 'Warning' },
    ignore: [{ path: 'wire.txt', code: 'figure-conflict', extra: 1 }],
    entities: { 'Maria Ortega': { description: 'Secretary of State', spelling: 'Maria Ortega' } },
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(config, {
    include: ['stories/**/*.md'],
    exclude: ['drafts/old/**'],
    max_file_bytes: 1048576,
    approx_tolerance: 0.05,
    rules: { 'figure-differs': 'off', 'name-variant': 'error', 'figure-conflict': 'warning' },
    ignore: [{ path: 'wire.txt', code: 'figure-conflict' }],
    entities: { 'Maria Ortega': { description: 'Secretary of State', spelling: 'Maria Ortega' } },
  });
  // Exactly the keys the server accepts.
  const accepted = ['include', 'exclude', 'max_file_bytes', 'approx_tolerance', 'rules', 'ignore', 'entities'];
  for (const k of Object.keys(config)) assert.ok(accepted.includes(k), k);
});

test('severity spellings are normalised; false means off', () => {
  const { config, problems } = from({ rules: { a: 'info', b: 'warn', c: false, d: 'HINT' } });
  assert.deepEqual(problems, []);
  assert.deepEqual(config.rules, { a: 'information', b: 'warning', c: 'off', d: 'hint' });
});

test('bad values are left out and reported with the setting name', () => {
  const { config, problems } = from({
    include: 'all',
    maxFileBytes: -3,
    approxTolerance: 1.5,
    rules: { 'figure-conflict': 'loud', 'name-variant': 'hint' },
    ignore: [{}],
    entities: { X: 'note' },
  });
  assert.deepEqual(config, { rules: { 'name-variant': 'hint' } });
  assert.deepEqual(
    problems.map((p) => p.setting),
    [
      'crosscheck.include',
      'crosscheck.maxFileBytes',
      'crosscheck.approxTolerance',
      'crosscheck.rules',
      'crosscheck.ignore',
      'crosscheck.entities',
    ],
  );
  assert.match(problems[3].message, /"figure-conflict": "loud" is not one of off, hint, information, warning, error/);
});

test('a tolerance of 0 and an empty exclude list are real values', () => {
  assert.deepEqual(from({ approxTolerance: 0, exclude: [] }).config, { approx_tolerance: 0, exclude: [] });
});

test('didChangeConfiguration settings carry the keys under "crosscheck"', () => {
  const config = { approx_tolerance: 0.2, rules: { 'figure-differs': 'off' } };
  assert.deepEqual(didChangeConfigurationSettings(config), { crosscheck: config });
});

test('explicit values: folder over workspace over user; defaults are not sent', () => {
  assert.equal(explicitValue(undefined), undefined);
  assert.equal(explicitValue({ key: 'x', defaultValue: 0.1 }), undefined);
  assert.equal(explicitValue({ globalValue: 0.2 }), 0.2);
  assert.equal(explicitValue({ globalValue: 0.2, workspaceValue: 0.3 }), 0.3);
  assert.equal(explicitValue({ globalValue: 0.2, workspaceValue: 0.3, workspaceFolderValue: 0.4 }), 0.4);
});

test('server command: setting, else bundled binary, else PATH', () => {
  assert.deepEqual(serverCommand('/opt/cc/crosscheck', '/ext/server/crosscheck'), {
    command: '/opt/cc/crosscheck',
    args: ['lsp'],
    source: 'setting',
  });
  assert.deepEqual(serverCommand('  ', '/ext/server/crosscheck'), {
    command: '/ext/server/crosscheck',
    args: ['lsp'],
    source: 'bundled',
  });
  assert.deepEqual(serverCommand(undefined, undefined), { command: 'crosscheck', args: ['lsp'], source: 'path' });
  const home = process.env.HOME;
  process.env.HOME = '/home/reporter';
  try {
    assert.equal(serverCommand('~/bin/crosscheck', undefined).command, '/home/reporter/bin/crosscheck');
  } finally {
    process.env.HOME = home;
  }
});
