import { showMessage } from './prompts';

export interface FollowUp {
  title: string;
  run: () => unknown;
}

/** A success message with buttons for what a user does next; the message itself never waits. Through ui/prompts, so tests see it. */
export function announce(message: string, ...followUps: FollowUp[]): void {
  void showMessage('info', message, ...followUps.map((followUp) => followUp.title)).then(
    (choice) => followUps.find((followUp) => followUp.title === choice)?.run(),
    () => undefined,
  );
}
