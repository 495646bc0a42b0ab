// End-to-end test of the crosscheck VS Code extension in a real VS Code (code-server),
// driven with Chromium through playwright-core.
//
//   CODE_SERVER=… NODE24_BIN=… VSIX=… CC_WS=<copy of editors/tests/workspace> OUTDIR=out \
//     node editors/tests/vscode/test.mjs
//
// `crosscheck` must be on PATH (the extension's default). Installs the .vsix, serves
// code-server on 127.0.0.1, opens the workspace and draft.md, and checks: a warning squiggle,
// the Problems panel entry with crosscheck's message and code, and the hover card on the
// lone surname "Ortega" naming "Maria Ortega"; saves OUTDIR/vscode.png. Then: a rule turned
// off and on in the workspace settings removes and restores the squiggle; the two commands
// work; a bad crosscheck.path gives a notification with the fix. Exits non-zero on failure;
// stops code-server and the browser in every case.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = (k, d) => {
  const v = process.env[k] ?? d;
  if (v === undefined) throw new Error(`${k} is not set`);
  return v;
};
const CODE_SERVER = env('CODE_SERVER');
const NODE24_BIN = env('NODE24_BIN');
const VSIX = path.resolve(env('VSIX'));
// code-server's extension host takes PATH from a login shell, not from us: point the
// extension at the binary with its setting (the PATH lookup and the missing-binary
// notification are exercised when it is unset).
const CROSSCHECK = path.resolve(env('CROSSCHECK_BIN'));
const WS = path.resolve(env('CC_WS'));
const OUTDIR = path.resolve(env('OUTDIR', 'out'));
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const ARTICLE = env('CC_ARTICLE', 'draft.md');
const CODE = env('CC_CODE', 'figure-conflict');
const MESSAGE = env('CC_MESSAGE', '2.5 hours');
const SURNAME = env('CC_SURNAME', 'Ortega');
const FULL_NAME = env('CC_FULL_NAME', 'Maria Ortega');
const TIMEOUT = Number(env('CC_TIMEOUT_MS', '60000'));

const t0 = Date.now();
const say = (msg) => console.log(`[vscode ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

fs.mkdirSync(OUTDIR, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-vscode-'));
const dirs = {
  userData: path.join(tmp, 'user-data'),
  extensions: path.join(tmp, 'extensions'),
  xdg: path.join(tmp, 'xdg'),
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
const childEnv = {
  ...process.env,
  PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}`,
  XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
  XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
  XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
  XDG_RUNTIME_DIR: path.join(dirs.xdg, 'runtime'),
};
fs.mkdirSync(childEnv.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });

// A quiet, predictable workbench.
fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(dirs.userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'chat.disableAIFeatures': true,
      'editor.hover.delay': 200,
      'editor.hover.above': false, // keep the squiggle above visible in the screenshot
      'editor.minimap.enabled': false,
      'window.restoreWindows': 'none',
      'files.hotExit': 'off',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'crosscheck.path': CROSSCHECK,
    },
    null,
    2,
  ),
);
// crosscheck.path is machine-scoped: on a VS Code server it is read from the Machine settings.
fs.mkdirSync(path.join(dirs.userData, 'Machine'), { recursive: true });
fs.writeFileSync(
  path.join(dirs.userData, 'Machine', 'settings.json'),
  JSON.stringify({ 'crosscheck.path': CROSSCHECK }, null, 2),
);

let server;
let browser;
let serverLog = '';
let failed = false;

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`code-server exited (${server.exitCode}):\n${serverLog.slice(-3000)}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${ms} ms:\n${serverLog.slice(-3000)}`);
}

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
  const end = Date.now() + 5000;
  while (server.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
  }
}

async function main() {
  say(`code-server ${spawnSync(CODE_SERVER, ['--version'], { env: childEnv, encoding: 'utf8' }).stdout.split('\n')[0]}`);
  const inst = spawnSync(
    CODE_SERVER,
    ['--install-extension', VSIX, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData],
    { env: childEnv, encoding: 'utf8', timeout: 120000 },
  );
  if (inst.status !== 0) throw new Error(`installing ${VSIX} failed:\n${inst.stdout}\n${inst.stderr}`);
  say(`installed ${path.basename(VSIX)}: ${inst.stdout.trim().split('\n').pop()}`);

  const port = await freePort();
  server = spawn(
    CODE_SERVER,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--extensions-dir', dirs.extensions,
      '--user-data-dir', dirs.userData,
      WS,
    ],
    { env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/healthz`, 60000);
  say(`code-server serving on ${base}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${base}/?folder=${encodeURIComponent(WS)}`);
  await page.waitForSelector('.monaco-workbench');
  say('workbench loaded');
  await page.waitForTimeout(1500);

  // Open the article with Quick Open.
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(ARTICLE, { delay: 20 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${ARTICLE}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab[aria-label*="${ARTICLE}"]`);
  await page.waitForSelector('.monaco-editor .view-lines');
  say(`opened ${ARTICLE}`);

  // 1) the warning squiggle.
  await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: TIMEOUT });
  const squiggles = await page.locator('.monaco-editor .squiggly-warning').count();
  say(`warning squiggles: ${squiggles}`);

  // 2) the Problems panel.
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row');
  let rows = [];
  const end = Date.now() + TIMEOUT;
  while (Date.now() < end) {
    rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
      els.map((e) => (e.getAttribute('aria-label') || '') + ' || ' + e.textContent),
    );
    if (rows.some((r) => r.includes(CODE) && r.includes(MESSAGE))) break;
    await page.waitForTimeout(250);
  }
  for (const r of rows) say(`problems | ${r}`);
  const problem = rows.find((r) => r.includes(CODE) && r.includes(MESSAGE));
  if (!problem) throw new Error(`no Problems entry with code "${CODE}" and "${MESSAGE}"`);
  if (!/crosscheck/.test(problem)) throw new Error(`the Problems entry does not name crosscheck as its source: ${problem}`);

  // 3) the hover card on the surname standing alone ("Ortega told …").
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  const box = await page.evaluate(
    ({ surname, first }) => {
      for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let node;
        const text = line.textContent.replace(/\u00a0/g, ' ');
        if (/^\s*#/.test(text)) continue; // not the title
        while ((node = walker.nextNode())) {
          const t = node.textContent.replace(/\u00a0/g, ' ');
          let i = t.indexOf(surname);
          while (i >= 0) {
            const before = t.slice(0, i);
            if (!before.endsWith(first + ' ')) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + surname.length);
              const r = range.getBoundingClientRect();
              return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
            }
            i = t.indexOf(surname, i + 1);
          }
        }
      }
      return null;
    },
    { surname: SURNAME, first: FULL_NAME.split(' ')[0] },
  );
  if (!box) throw new Error(`no lone "${SURNAME}" visible in the editor`);
  let hover = '';
  for (let attempt = 0; attempt < 3 && !hover.includes(FULL_NAME); attempt++) {
    await page.mouse.move(box.x - 30, box.y + 40);
    await page.waitForTimeout(300);
    await page.mouse.move(box.x, box.y, { steps: 5 });
    try {
      await page.waitForFunction(
        (name) => [...document.querySelectorAll('.monaco-hover-content')].some((e) => e.textContent.includes(name)),
        FULL_NAME,
        { timeout: 10000 },
      );
    } catch {}
    hover = (await page.locator('.monaco-hover-content').allTextContents()).join('\n');
  }
  for (const l of hover.split('\n')) say(`hover | ${l}`);
  if (!hover.includes(FULL_NAME)) throw new Error(`the hover card on "${SURNAME}" does not contain "${FULL_NAME}"`);

  const shot = path.join(OUTDIR, 'vscode.png');
  await page.screenshot({ path: shot });
  say(`screenshot ${shot}`);
  await page.mouse.move(5, 450);
  await page.keyboard.press('Escape');

  // 4) settings reach the server: turning the rule off (workspace settings) clears the
  // squiggle (workspace/didChangeConfiguration); turning it back on brings it back.
  const squiggleCount = () => page.locator('.monaco-editor .squiggly-warning').count();
  const waitSquiggles = async (want, what) => {
    const end = Date.now() + 30000;
    let n;
    while (Date.now() < end) {
      n = await squiggleCount();
      if (want ? n > 0 : n === 0) return;
      await page.waitForTimeout(250);
    }
    throw new Error(`${what}: ${n} warning squiggles`);
  };
  const vscodeDir = path.join(WS, '.vscode');
  fs.mkdirSync(vscodeDir, { recursive: true });
  fs.writeFileSync(
    path.join(vscodeDir, 'settings.json'),
    JSON.stringify({ 'crosscheck.rules': { [CODE]: 'off' } }, null, 2),
  );
  await waitSquiggles(false, `after setting crosscheck.rules {"${CODE}": "off"} the squiggle is still there`);
  say(`crosscheck.rules {"${CODE}": "off"}: squiggle gone`);
  fs.writeFileSync(path.join(vscodeDir, 'settings.json'), '{}\n');
  await waitSquiggles(true, 'after removing the rule setting the squiggle did not come back');
  say('rule setting removed: squiggle back');

  // 5) the commands.
  const runCommand = async (title) => {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input');
    await page.keyboard.type(title, { delay: 10 });
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`);
    await page.keyboard.press('Enter');
  };
  await runCommand('crosscheck: Restart server');
  await page.waitForTimeout(1000);
  await waitSquiggles(true, 'after "crosscheck: Restart server" no squiggle');
  say('"crosscheck: Restart server": squiggle back after the restart');
  await runCommand('crosscheck: Show output');
  await page.waitForFunction(
    () => [...document.querySelectorAll('.part.panel .monaco-editor .view-lines')].some((e) =>
      e.textContent.replace(/\u00a0/g, ' ').includes('restarting the server'),
    ),
    null,
    { timeout: 15000 },
  );
  say('"crosscheck: Show output": the output channel shows the restart');

  // 6) a missing binary: a clear notification with the fix.
  const missing = path.join(tmp, 'no-such-dir', 'crosscheck');
  fs.writeFileSync(path.join(vscodeDir, 'settings.json'), JSON.stringify({ 'crosscheck.path': missing }, null, 2));
  await page.waitForFunction(
    (p) => [...document.querySelectorAll('.notifications-toasts .notification-list-item')].some((e) =>
      e.textContent.includes(p),
    ),
    missing,
    { timeout: 30000 },
  );
  const toast = (await page.locator('.notifications-toasts .notification-list-item').allTextContents()).find((t) =>
    t.includes(missing),
  );
  say(`missing binary notification | ${toast}`);
  if (!/Open Settings/.test(toast)) throw new Error('the missing-binary notification has no "Open Settings" button');
  await page.screenshot({ path: path.join(OUTDIR, 'vscode-missing-binary.png') });
  say(`PASS: squiggle, Problems entry [${CODE}], hover card with "${FULL_NAME}", settings, commands, missing-binary notification`);
}

try {
  await main();
} catch (err) {
  failed = true;
  console.log(`[vscode] FAIL: ${err && err.stack ? err.stack : err}`);
  try {
    const pages = browser ? browser.contexts().flatMap((c) => c.pages()) : [];
    if (pages[0]) {
      const shot = path.join(OUTDIR, 'vscode-failure.png');
      await pages[0].screenshot({ path: shot });
      console.log(`[vscode] failure screenshot: ${shot}`);
    }
  } catch {}
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  fs.writeFileSync(path.join(OUTDIR, 'vscode-code-server.log'), serverLog);
  // The extension's output channel, from the extension host's logs.
  try {
    const logs = spawnSync('find', [dirs.userData, '-path', '*crosscheck*', '-name', '*.log'], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
    for (const f of logs) fs.copyFileSync(f, path.join(OUTDIR, `vscode-${path.basename(path.dirname(f))}-${path.basename(f)}`));
  } catch {}
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
