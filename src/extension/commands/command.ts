import * as vscode from 'vscode';
import { isCancellation } from '../errorText';
import { reportError } from '../ui/reportError';
import { noteCommandResult } from '../walkthrough/steps';
import type { Deps } from './deps';

/**
 * Registers a command whose failures are reported the same way everywhere: logged,
 * redacted, and shown as a short message with "Show Log". Returns undefined on failure,
 * so callers that pass arguments (tests, other commands) can tell.
 */
export function registerCommand<A extends unknown[], R>(
  context: vscode.ExtensionContext,
  deps: Deps,
  id: string,
  action: string,
  handler: (...args: A) => Promise<R> | R,
): void {
  const logger = deps.logger('command');
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        const result = await handler(...(args as A));
        noteCommandResult(id, result);
        return result;
      } catch (error) {
        // Dismissing a sign-in or a dialog is the user's choice, not a failure: a log line, no toast.
        if (isCancellation(error)) logger.info(`${action}: cancelled by the user`);
        else reportError(deps.log, logger, action, error);
        return undefined;
      }
    }),
  );
}

/**
 * Plain-object (or array) arguments passed by executeCommand, which skip the dialogs; tree
 * nodes, which VS Code passes from menus, are not plain objects. Honoured only outside
 * production (extension development and tests): any installed extension can call our
 * commands, and must not get an App JWT or an installation token on the clipboard, or
 * swap our credentials, without the user seeing the dialogs.
 */
export function scriptedArgs<T extends object>(context: Pick<vscode.ExtensionContext, 'extensionMode'>, value: unknown): Partial<T> | undefined {
  if (!scriptingAllowed(context)) return undefined;
  return value && typeof value === 'object' && value.constructor === Object ? (value as Partial<T>) : undefined;
}

export function scriptingAllowed(context: Pick<vscode.ExtensionContext, 'extensionMode'>): boolean {
  return context.extensionMode !== vscode.ExtensionMode.Production;
}
