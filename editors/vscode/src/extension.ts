// crosscheck for VS Code: starts `crosscheck lsp` and connects it to Markdown and plain-text
// files. Everything else (diagnostics, hover cards, quick fixes) comes from the server.

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  SERVER_SETTING_KEYS,
  ServerConfig,
  didChangeConfigurationSettings,
  explicitValue,
  serverCommand,
  toServerConfig,
} from './config';

const SECTION = 'crosscheck';
const EXE = process.platform === 'win32' ? 'crosscheck.exe' : 'crosscheck';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let lastProblems = '';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('crosscheck', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('crosscheck.restartServer', () => restart(context)),
    vscode.commands.registerCommand('crosscheck.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => onDidChangeConfiguration(e, context)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The user's settings, mapped to the server's keys; problems are reported once. */
function currentServerConfig(): ServerConfig {
  const scope = vscode.workspace.workspaceFolders?.[0]?.uri;
  const settings = vscode.workspace.getConfiguration(SECTION, scope);
  const { config, problems } = toServerConfig((key) => explicitValue(settings.inspect(key)));
  const text = problems.map((p) => `${p.setting} ${p.message}`).join('; ');
  if (text !== '' && text !== lastProblems) {
    output.appendLine(`settings ignored: ${text}`);
    void vscode.window.showWarningMessage(`crosscheck: ignored settings: ${text}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
    });
  }
  lastProblems = text;
  return config;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + (name.toLowerCase().endsWith(ext.toLowerCase()) ? '' : ext));
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

/** Finds the binary, or explains to the user how to fix it and returns undefined. */
function resolveServer(context: vscode.ExtensionContext): { command: string; args: string[] } | undefined {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('path');
  const bundled = context.asAbsolutePath(path.join('server', EXE));
  const cmd = serverCommand(configured, isExecutable(bundled) ? bundled : undefined);
  if (cmd.source === 'path') {
    const found = findOnPath('crosscheck');
    if (found) return { command: found, args: cmd.args };
    missingBinary(
      'crosscheck: the `crosscheck` program was not found on PATH, so there are no checks. ' +
        'Install it (in a crosscheck checkout: `cargo install --path .`) and reload, ' +
        'or set "crosscheck.path" to the full path of the binary.',
      context,
    );
    return undefined;
  }
  if (cmd.source === 'setting' && !isExecutable(cmd.command)) {
    missingBinary(
      `crosscheck: "crosscheck.path" is set to ${cmd.command}, but there is no executable file there. ` +
        'Fix the setting, or clear it to use `crosscheck` from PATH.',
      context,
    );
    return undefined;
  }
  return { command: cmd.command, args: cmd.args };
}

function missingBinary(message: string, context: vscode.ExtensionContext): void {
  output.appendLine(message);
  void vscode.window.showErrorMessage(message, 'Open Settings', 'Retry').then((choice) => {
    if (choice === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'crosscheck.path');
    } else if (choice === 'Retry') {
      void restart(context);
    }
  });
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const server = resolveServer(context);
  if (!server) return;
  const config = currentServerConfig();
  output.appendLine(`starting ${server.command} ${server.args.join(' ')}`);

  const serverOptions: ServerOptions = {
    command: server.command,
    args: server.args,
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
    ],
    initializationOptions: config,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: {
      // Articles and crosscheck.toml changed on disk (by git, another editor…).
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,txt}'),
        vscode.workspace.createFileSystemWatcher('**/crosscheck.toml'),
      ],
    },
    middleware: {
      workspace: {
        // If the server pulls settings (workspace/configuration), answer with its own keys
        // rather than VS Code's camelCase ones.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) return raw;
          return params.items.map((item, i) =>
            item.section === undefined || item.section === SECTION ? currentServerConfig() : raw[i],
          );
        },
      },
    },
  };

  client = new LanguageClient('crosscheck', 'crosscheck', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    output.appendLine(`the server did not start: ${message}`);
    void vscode.window
      .showErrorMessage(`crosscheck: the server did not start (${message}).`, 'Show Output', 'Restart')
      .then((choice) => {
        if (choice === 'Show Output') output.show(true);
        else if (choice === 'Restart') void restart(context);
      });
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    await c.stop(5000);
  } catch (err) {
    output.appendLine(`stopping the server: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine('restarting the server');
  await stop();
  await start(context);
}

async function onDidChangeConfiguration(
  e: vscode.ConfigurationChangeEvent,
  context: vscode.ExtensionContext,
): Promise<void> {
  if (!e.affectsConfiguration(SECTION)) return;
  if (e.affectsConfiguration(`${SECTION}.path`)) {
    await restart(context);
    return;
  }
  if (!SERVER_SETTING_KEYS.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) return;
  if (!client) {
    await start(context);
    return;
  }
  if (!client.isRunning()) return;
  await client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: didChangeConfigurationSettings(currentServerConfig()),
  });
}
