import * as vscode from 'vscode';

export interface FollowUp {
  title: string;
  run: () => unknown;
}

/** A success message with buttons for what a user does next; the message itself never waits. */
export function announce(message: string, ...followUps: FollowUp[]): void {
  void vscode.window.showInformationMessage(message, ...followUps.map((followUp) => followUp.title)).then(
    (choice) => followUps.find((followUp) => followUp.title === choice)?.run(),
    () => undefined,
  );
}
