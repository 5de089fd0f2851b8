import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { AccountSessions } from '../auth/session';
import type { AppUserRefresher } from '../auth/appUserRefresher';
import { definitionVersion } from './version';
import type { IdentityResolver } from './identities';
import type { Identity } from './identity';

export const PROVIDER_ID = 'pygithubMcp.servers';

export interface ProviderDeps {
  identities: IdentityResolver;
  accounts: AccountSessions;
  refresher: AppUserRefresher;
  serverPath: string;
  salt: string;
  log: Logger;
}

/**
 * One stdio server per identity, all running the bundled dist/server.js with the editor's
 * Node. Credentials and options travel in `env` only, never in `args` (which show up in
 * process listings). provide() is local-only; resolve() may sign in and refresh tokens.
 */
export class McpServerProvider implements vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeMcpServerDefinitions = this.#changed.event;
  /** Bumped by "Restart servers": a new version makes VS Code restart each server. */
  #generation = 0;
  /** Which identity each offered label belongs to, for resolve. */
  readonly #keyByLabel = new Map<string, string>();

  constructor(private readonly deps: ProviderDeps) {}

  async provideMcpServerDefinitions(): Promise<vscode.McpStdioServerDefinition[]> {
    const identities = await this.deps.identities.all();
    this.#keyByLabel.clear();
    const definitions = identities.map((identity) => this.definitionFor(identity));
    this.deps.log.debug(`offering ${definitions.map((d) => d.label).join(', ') || 'no servers'}`);
    return definitions;
  }

  async resolveMcpServerDefinition(server: vscode.McpStdioServerDefinition): Promise<vscode.McpStdioServerDefinition> {
    const key = this.#keyByLabel.get(server.label);
    if (key === 'account' && !server.env.GITHUB_TOKEN) {
      let session;
      try {
        session = await this.deps.accounts.signIn('interactive');
      } catch (error) {
        this.deps.log.warn(`sign-in for ${server.label} did not complete: ${(error as Error).message}`);
      }
      if (!session) {
        throw new Error(`"${server.label}" needs your GitHub account: run "PyGithub MCP: Sign In to GitHub", then start the server again.`);
      }
      server.env = { ...server.env, GITHUB_TOKEN: session.accessToken };
    }
    if (key === 'appUser') {
      // A token that would expire mid-session is refreshed now rather than failing a tool call.
      const credential = await this.deps.refresher.ensureFresh();
      if (!credential) throw new Error(`"${server.label}" has no App user token any more: run "PyGithub MCP: Sign In as App User".`);
      server.env = { ...server.env, GITHUB_APP_USER_TOKEN: credential.token, GITHUB_APP_USER_TOKEN_EXPIRES_AT: credential.expiresAt ?? null };
    }
    this.deps.log.info(`starting ${server.label}`);
    return server;
  }

  definitionFor(identity: Identity): vscode.McpStdioServerDefinition {
    const label = this.deps.identities.label(identity);
    this.#keyByLabel.set(label, identity.key);
    const command = process.execPath;
    const args = [this.deps.serverPath];
    const env = this.deps.identities.env(identity);
    const version = definitionVersion({ label, command, args, env, generation: this.#generation }, this.deps.salt);
    return new vscode.McpStdioServerDefinition(label, command, args, env, version);
  }

  /** Tells VS Code to ask again (settings, identities or tokens changed). */
  refresh(): void {
    this.#changed.fire();
  }

  restartAll(): void {
    this.#generation++;
    this.#changed.fire();
  }

  dispose(): void {
    this.#changed.dispose();
  }
}
