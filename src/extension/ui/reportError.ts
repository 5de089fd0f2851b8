import type { Logger } from '../../core/logger';
import { describeError } from '../errorText';
import type { ExtensionLog } from '../log';
import { showMessage } from './prompts';

/**
 * Logs a failure and shows a short notification with a "Show Log" button. Not awaited:
 * a notification left open must never hold up the command that failed (or a test).
 */
export function reportError(log: ExtensionLog, logger: Logger, action: string, error: unknown): string {
  const message = `${action} failed: ${describeError(error)}`;
  logger.error(message);
  void showMessage('error', message, 'Show Log').then((choice) => {
    if (choice === 'Show Log') log.show();
  });
  return message;
}
