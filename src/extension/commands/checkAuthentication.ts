import * as vscode from 'vscode';
import type { AuthFacts } from '../../core/auth/types';
import { describeError } from '../errorText';
import { withGitHub } from '../github/createGitHub';
import { labelFor, type Identity } from '../mcp/identity';
import { AppNode } from '../views/appNode';
import { IdentityNode } from '../views/identityNode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

export interface AuthCheck {
  label: string;
  ok: boolean;
  facts?: AuthFacts;
  /** Who GitHub says the credential is: a login, or an App's slug. */
  actor?: string;
  error?: string;
}

/**
 * The server's auth_status, from the extension: the core's facts for each identity plus one
 * call that proves the credential (GET /app for an App, GET /user otherwise).
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('auth');
  registerCommand(context, deps, 'pygithubMcp.auth.check', 'Checking authentication', async (raw?: unknown): Promise<AuthCheck[]> => {
    // An Accounts row's inline check covers that identity only.
    const key = raw instanceof IdentityNode ? raw.key : raw instanceof AppNode ? `app:${raw.app.id}` : scriptedArgs<{ key: string }>(context, raw)?.key;
    const identities = (await deps.identities.all()).filter((identity) => !key || identity.key === key);
    if (identities.length === 0) {
      void vscode.window.showInformationMessage('No identity is configured: add a GitHub App or sign in.');
      return [];
    }
    const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking GitHub authentication…' }, () =>
      Promise.all(identities.map((identity) => check(deps, identity))),
    );
    identities.forEach((identity, index) => deps.checks.record(identity.key, { ok: results[index].ok, actor: results[index].actor, error: results[index].error }));
    for (const result of results) {
      if (result.ok) log.info(`${result.label}: ${result.facts?.pygithubClass}${result.facts?.tokenKind ? `, ${result.facts.tokenKind}` : ''}, acting as ${result.actor}`);
      else log.warn(`${result.label}: ${result.error}`);
    }
    const failed = results.filter((result) => !result.ok);
    const summary = results.map((result) => `${result.label}: ${result.ok ? `OK (${result.actor})` : 'failed'}`).join('; ');
    const show = failed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`${summary}${failed.length ? `. ${failed[0].error}` : ''}`, 'Show Log').then((choice) => choice && deps.log.show());
    return results;
  });
}

async function check(deps: Deps, identity: Identity): Promise<AuthCheck> {
  const label = labelFor(identity);
  try {
    return await withGitHub(deps.identities.env(identity), deps.logger('auth'), async (github) => {
      const facts = github.auth.facts();
      if (github.integration) {
        const app = await github.integration.getApp();
        return { label, ok: true, facts, actor: `App ${String(app.slug)}` };
      }
      const { data } = await (await github.client()).request('GET /user');
      return { label, ok: true, facts, actor: (data as { login: string }).login };
    });
  } catch (error) {
    return { label, ok: false, error: describeError(error) };
  }
}
