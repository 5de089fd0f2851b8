import * as vscode from 'vscode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

/** Every way to add an identity; the view's welcome links, reachable once the view has rows. */
export const SIGN_IN_METHODS = [
  { label: '$(github) Sign in to GitHub', description: "VS Code's GitHub account", command: 'pygithubMcp.account.signIn' },
  { label: '$(add) Add GitHub App…', description: 'App ID and private key', command: 'pygithubMcp.apps.add' },
  { label: '$(key) Personal access token…', description: 'classic or fine-grained', command: 'pygithubMcp.pat.set' },
  { label: '$(person) Sign in as App user…', description: "an App's device flow", command: 'pygithubMcp.appUser.signIn' },
  { label: '$(account) Login and password…', description: 'basic auth (GitHub Enterprise Server)', command: 'pygithubMcp.login.set' },
  { label: '$(file) Use netrc…', description: 'credentials from a netrc file', command: 'pygithubMcp.netrc.use' },
];

/** The view's "Add Account…": picks a sign-in method and runs it. Tests pass `{ method: <command> }`. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.accounts.add', 'Adding an account', async (raw?: unknown) => {
    const args = scriptedArgs<{ method: string }>(context, raw);
    const picked = args ? SIGN_IN_METHODS.find((method) => method.command === args.method) : await vscode.window.showQuickPick(SIGN_IN_METHODS, { placeHolder: 'Add which kind of account?' });
    if (!picked) return { methods: SIGN_IN_METHODS.map((method) => method.command) };
    return vscode.commands.executeCommand(picked.command);
  });
}
