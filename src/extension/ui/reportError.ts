import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { describeError, UserFacingError } from '../errorText';
import type { ExtensionLog } from '../log';
import { showMessage } from './prompts';

/**
 * Logs a failure and shows a short notification with a "Show Log" button (and the pages
 * that help fix it, e.g. where to create a token). Not awaited:
 * a notification left open must never hold up the command that failed (or a test).
 */
export function reportError(log: ExtensionLog, logger: Logger, action: string, error: unknown): string {
  const message = `${action} failed: ${describeError(error)}`;
  logger.error(message);
  const links = error instanceof UserFacingError ? error.links : [];
  void showMessage('error', message, ...links.map((link) => link.label), 'Show Log').then((choice) => {
    if (choice === 'Show Log') log.show();
    const link = links.find((candidate) => candidate.label === choice);
    if (link) void vscode.env.openExternal(vscode.Uri.parse(link.url));
  });
  return message;
}
