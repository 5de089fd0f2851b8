import * as vscode from 'vscode';

/** What this extension last set, per key: VS Code offers no way to read a context key back. */
const values = new Map<string, unknown>();

/** `setContext`, remembered so that the testing API can tell what `when` clauses see. */
export function setContextKey(key: string, value: unknown): Thenable<unknown> {
  values.set(key, value);
  return vscode.commands.executeCommand('setContext', key, value);
}

export function contextKeyValue(key: string): unknown {
  return values.get(key);
}
