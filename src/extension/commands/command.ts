import * as vscode from 'vscode';
import { reportError } from '../ui/reportError';
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
        return await handler(...(args as A));
      } catch (error) {
        reportError(deps.log, logger, action, error);
        return undefined;
      }
    }),
  );
}

/** Plain-object arguments passed by executeCommand (tests, scripts), as opposed to tree nodes. */
export function argsObject<T extends object>(value: unknown): Partial<T> | undefined {
  return value && typeof value === 'object' && value.constructor === Object ? (value as Partial<T>) : undefined;
}
