import * as vscode from 'vscode';

// Placeholder until the extension issue lands: proves the bundle loads in VS Code.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('PyGithub MCP Server', { log: true });
  context.subscriptions.push(log);
  log.info('activated');
}

export function deactivate(): void {}
