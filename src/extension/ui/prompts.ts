import * as vscode from 'vscode';

/**
 * Every dialog, picker and notification the commands show goes through here, so the
 * in-VS-Code tests can answer them (VS Code refuses dialogs in tests, and a real quick pick
 * would wait for a person) and can read what the user was shown. Without a script the real
 * VS Code UI is used. Scripts are installed only through the testing API (never in production).
 */

export type Asked =
  | { kind: 'input'; options: vscode.InputBoxOptions }
  | { kind: 'pick'; items: readonly vscode.QuickPickItem[]; options: vscode.QuickPickOptions }
  | { kind: 'open'; options: vscode.OpenDialogOptions }
  | { kind: 'message'; level: MessageLevel; text: string; buttons: string[] };

export type MessageLevel = 'info' | 'warning' | 'error';

/** Answers one prompt: the text typed, the item(s) picked, the files chosen, the button pressed; undefined cancels. */
export type PromptScript = (asked: Asked) => unknown;

/** What a scripted input box saw: the answer was refused by its own validation. */
export interface Refusal {
  value: string;
  validationMessage: string;
}

let script: PromptScript | undefined;
const shown: Asked[] = [];
const refusals: Refusal[] = [];
const KEPT = 200;

function note(asked: Asked): void {
  shown.push(asked);
  if (shown.length > KEPT) shown.splice(0, shown.length - KEPT);
}

export const promptsForTests = {
  script(next: PromptScript | undefined): void {
    script = next;
  },
  /** Everything shown since the last clear, messages included. */
  shown: (): readonly Asked[] => [...shown],
  refusals: (): readonly Refusal[] => [...refusals],
  clear(): void {
    shown.length = 0;
    refusals.length = 0;
  },
};

export async function inputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
  note({ kind: 'input', options });
  if (!script) return vscode.window.showInputBox(options);
  const answer = script({ kind: 'input', options });
  if (typeof answer !== 'string') return undefined;
  // A real input box would not accept a value its validation refuses: the user could only cancel.
  const verdict = await options.validateInput?.(answer);
  const message = typeof verdict === 'string' ? verdict : verdict?.message;
  if (message) {
    refusals.push({ value: answer, validationMessage: message });
    return undefined;
  }
  return answer;
}

export async function quickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { canPickMany: true }): Promise<T[] | undefined>;
export async function quickPick<T extends vscode.QuickPickItem>(items: T[], options?: vscode.QuickPickOptions): Promise<T | undefined>;
export async function quickPick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions = {}): Promise<T | T[] | undefined> {
  note({ kind: 'pick', items, options });
  if (!script) return vscode.window.showQuickPick(items, options) as Promise<T | T[] | undefined>;
  return (await script({ kind: 'pick', items, options })) as T | T[] | undefined;
}

export async function openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
  note({ kind: 'open', options });
  if (!script) return vscode.window.showOpenDialog(options);
  return (await script({ kind: 'open', options })) as vscode.Uri[] | undefined;
}

/** A notification; resolves with the button pressed (never awaited where it must not hold up a command). */
export function showMessage(level: MessageLevel, text: string, ...buttons: string[]): Thenable<string | undefined> {
  note({ kind: 'message', level, text, buttons });
  if (script) return Promise.resolve(script({ kind: 'message', level, text, buttons }) as string | undefined);
  const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  return show(text, ...buttons);
}

/** The part of a QuickPick that pickers which load while open use. */
export type LivePick<T extends vscode.QuickPickItem> = Pick<
  vscode.QuickPick<T>,
  'items' | 'selectedItems' | 'busy' | 'placeholder' | 'title' | 'canSelectMany' | 'ignoreFocusOut' | 'matchOnDescription' | 'onDidAccept' | 'onDidHide' | 'show' | 'hide' | 'dispose'
>;

/** vscode.window.createQuickPick, or under a script one that answers once its items have loaded (busy is false). */
export function createQuickPick<T extends vscode.QuickPickItem>(): LivePick<T> {
  return script ? scriptedLivePick<T>(script) : vscode.window.createQuickPick<T>();
}

function scriptedLivePick<T extends vscode.QuickPickItem>(answer: PromptScript): LivePick<T> {
  const accepted = new vscode.EventEmitter<void>();
  const hidden = new vscode.EventEmitter<void>();
  let open = false;
  const pick: LivePick<T> = {
    items: [],
    selectedItems: [],
    busy: false,
    placeholder: undefined,
    title: undefined,
    canSelectMany: false,
    ignoreFocusOut: false,
    matchOnDescription: false,
    onDidAccept: accepted.event,
    onDidHide: hidden.event,
    show() {
      open = true;
      void (async () => {
        const deadline = Date.now() + 15_000;
        while (open && pick.busy && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        if (!open) return;
        const options = { placeHolder: pick.placeholder, title: pick.title, canPickMany: pick.canSelectMany };
        note({ kind: 'pick', items: [...pick.items], options });
        const chosen = (await answer({ kind: 'pick', items: [...pick.items], options })) as T | T[] | undefined;
        if (!open) return;
        if (chosen === undefined) return pick.hide();
        pick.selectedItems = Array.isArray(chosen) ? chosen : [chosen];
        accepted.fire();
      })();
    },
    hide() {
      if (!open) return;
      open = false;
      hidden.fire();
    },
    dispose() {
      open = false;
      accepted.dispose();
      hidden.dispose();
    },
  };
  return pick;
}
