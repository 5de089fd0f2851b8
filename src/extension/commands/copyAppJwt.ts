import * as vscode from 'vscode';
import { pickApp } from '../ui/pickers';
import { AppNode } from '../views/appNode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

/** GithubIntegration.create_jwt: signs an App JWT locally and copies it (it is never shown or logged). */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.apps.copyJwt', 'Copying the App JWT', async (raw?: unknown) => {
    const args = scriptedArgs<{ appId: number; expirySeconds: number }>(context, raw);
    const app = await pickApp(deps.apps, raw instanceof AppNode ? raw.app.id : args?.appId, 'Sign a JWT for which App?');
    if (!app) return undefined;
    const github = await deps.clients.forApp(app.id);
    const { jwt, expiresAt } = github.integration!.createJwt(args?.expirySeconds);
    await vscode.env.clipboard.writeText(jwt);
    deps.logger('apps').info(`copied a JWT for App ${app.id}, valid until ${expiresAt}`);
    void vscode.window.showWarningMessage(
      `JWT for "${app.name}" copied to the clipboard; valid until ${new Date(expiresAt).toLocaleTimeString()}. It acts as the App itself: do not share it or paste it into chat.`,
    );
    return { appId: app.id, expiresAt };
  });
}
