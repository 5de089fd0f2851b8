import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { AccountSessions } from '../auth/session';
import type { AppUserRefresher } from '../auth/appUserRefresher';
import { withoutSecrets } from './envContract';
import type { IdentityResolver } from './identities';
import { labelFor, type Identity, type IdentityKey } from './identity';
import { definitionVersion } from './version';

export const PROVIDER_ID = 'pygithubMcp.servers';

export interface ProviderDeps {
  identities: IdentityResolver;
  accounts: AccountSessions;
  refresher: AppUserRefresher;
  serverPath: string;
  salt: () => Promise<string>;
  log: Logger;
  /** Stops and starts a server VS Code runs for this provider, by label. */
  stop: (label: string) => Promise<void>;
  start: (label: string) => Promise<void>;
}

/**
 * One stdio server per identity, all running the bundled dist/server.js with the editor's
 * Node. provide() is local-only and returns no credentials: VS Code caches provided
 * definitions, env included, unencrypted in workspace storage. resolve() reads them fresh
 * (and may sign in or refresh) and puts them in the env of a new definition, never in
 * `args`, which show up in process listings.
 */
export class McpServerProvider implements vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeMcpServerDefinitions = this.#changed.event;
  readonly #running = new vscode.EventEmitter<void>();
  /** A server of this window started or stopped (as far as this window asked or was asked). */
  readonly onDidChangeRunning = this.#running.event;
  /** Which identity each offered label belongs to, for resolve. */
  #keyByLabel = new Map<string, IdentityKey>();
  /** Servers resolved (started) in this window: the version they started as, and when. */
  readonly #started = new Map<string, { version: string; resolve: number }>();
  #resolves = 0;
  #provides = 0;
  #disposed = false;

  constructor(private readonly deps: ProviderDeps) {}

  async provideMcpServerDefinitions(): Promise<vscode.McpStdioServerDefinition[]> {
    // Calls overlap (VS Code asks again after each change): what a call read is compared only
    // with servers resolved before it began, and only the latest call's labels are kept.
    const call = ++this.#provides;
    const resolvedBefore = this.#resolves;
    const salt = await this.deps.salt();
    const keyByLabel = new Map<string, IdentityKey>();
    const stale: string[] = [];
    const definitions = (await this.deps.identities.all()).map((identity) => {
      const label = labelFor(identity);
      keyByLabel.set(label, identity.key);
      const env = this.deps.identities.env(identity);
      const version = definitionVersion({ label, command: process.execPath, args: this.#args(), env }, salt);
      const started = this.#started.get(label);
      if (started && started.resolve <= resolvedBefore && started.version !== version) {
        this.#started.set(label, { ...started, version });
        stale.push(label);
      }
      return new vscode.McpStdioServerDefinition(label, process.execPath, this.#args(), withoutSecrets(env), version);
    });
    if (call === this.#provides) this.#keyByLabel = keyByLabel;
    // An identity that went away takes its server with it (VS Code stops it).
    const runningBefore = this.#started.size;
    for (const [label, started] of this.#started) if (started.resolve <= resolvedBefore && !keyByLabel.has(label)) this.#started.delete(label);
    if (this.#started.size !== runningBefore) this.#running.fire();
    // A new version only marks a running server's tools outdated: restart those this window
    // started (a rotated token, a switched account, read-only mode), once VS Code has these.
    if (stale.length > 0) setTimeout(() => stale.forEach((label) => void this.#restart(label, 'its definition changed')), 0);
    this.deps.log.debug(`offering ${definitions.map((d) => d.label).join(', ') || 'no servers'}`);
    return definitions;
  }

  async resolveMcpServerDefinition(server: vscode.McpStdioServerDefinition): Promise<vscode.McpStdioServerDefinition> {
    const key = this.#keyByLabel.get(server.label);
    if (!key) throw new Error(`"${server.label}" is no longer configured: refresh the MCP server list.`);
    // Whatever rotates while this start is under way ends up in its env, so no restart for it.
    this.#started.delete(server.label);
    const identity = await this.#fresh(key, server.label);
    const env = this.deps.identities.env(identity);
    const version = definitionVersion({ label: server.label, command: process.execPath, args: this.#args(), env }, await this.deps.salt());
    this.#started.set(server.label, { version, resolve: ++this.#resolves });
    this.#running.fire();
    this.deps.log.info(`starting ${server.label}`);
    // A new object: the provided one stays as VS Code cached it, without credentials.
    return new vscode.McpStdioServerDefinition(server.label, process.execPath, this.#args(), env, server.version);
  }

  /** Restarts the servers this window started; returns their labels. */
  async restartStarted(): Promise<string[]> {
    const labels = [...this.#started.keys()];
    for (const label of labels) await this.#restart(label, 'asked to');
    return labels;
  }

  /**
   * Restarts one server, or starts it if this window has not: the tree's and the follow-up
   * buttons' action. Resolves true once VS Code has resolved it again.
   */
  async restart(label: string): Promise<boolean> {
    const before = this.#resolves;
    await this.#restart(label, this.#started.has(label) ? 'asked to' : 'asked to start it');
    return this.#resolvedSince(label, before);
  }

  /** Stops one server this window runs. */
  async stop(label: string): Promise<void> {
    await this.deps.stop(label);
    if (this.#started.delete(label)) this.#running.fire();
  }

  /**
   * Whether this window started the server (VS Code resolved it) and has not stopped it.
   * A stop from VS Code's own MCP list is not reported to extensions, so it is not seen.
   */
  isRunning(label: string): boolean {
    return this.#started.has(label);
  }

  /** Forgets which servers were started: tests resolve by hand what VS Code never started. */
  forgetStarted(): void {
    this.#started.clear();
    this.#running.fire();
  }

  /** Tells VS Code to ask again (settings, identities or tokens changed). */
  refresh(): void {
    if (!this.#disposed) this.#changed.fire();
  }

  dispose(): void {
    this.#disposed = true;
    this.#changed.dispose();
    this.#running.dispose();
  }

  /** The identity's credentials as stored now; signs in or refreshes if it must. */
  async #fresh(key: IdentityKey, label: string): Promise<Identity> {
    if (key === 'account') {
      let session = await this.deps.accounts.refresh();
      if (!session) {
        try {
          session = await this.deps.accounts.signIn('interactive');
        } catch (error) {
          this.deps.log.warn(`sign-in for ${label} did not complete: ${(error as Error).message}`);
        }
      }
      if (!session) throw new Error(`"${label}" needs your GitHub account: run "PyGithub MCP: Sign In to GitHub", then start the server again.`);
      return this.deps.identities.account(session);
    }
    if (key === 'appUser') {
      // A token that would expire mid-session is refreshed now rather than failing a tool call.
      const credential = await this.deps.refresher.ensureFresh();
      if (!credential) throw new Error(`"${label}" has no App user token any more: run "PyGithub MCP: Sign In as App User".`);
      return this.deps.identities.appUser(credential);
    }
    const identity = await this.deps.identities.get(key);
    if (!identity) throw new Error(`"${label}" has no stored credentials any more: add or sign in again.`);
    return identity;
  }

  #args(): string[] {
    return [this.deps.serverPath];
  }

  async #restart(label: string, why: string): Promise<void> {
    if (this.#disposed) return;
    this.deps.log.info(`restarting ${label}: ${why}`);
    const before = this.#resolves;
    try {
      await this.deps.stop(label);
      // VS Code at times ignores a start that arrives while the server is still stopping
      // (seen in code-server 1.139); our resolve is how we see it really started.
      for (let attempt = 0; attempt < 3 && !this.#resolvedSince(label, before); attempt++) {
        await this.deps.start(label);
        await this.#waitFor(() => this.#resolvedSince(label, before), 5_000);
      }
      if (!this.#resolvedSince(label, before)) this.deps.log.warn(`${label} did not start again; start it from the MCP server list`);
    } catch (error) {
      this.deps.log.warn(`could not restart ${label}: ${(error as Error).message}`);
    }
  }

  #resolvedSince(label: string, resolves: number): boolean {
    return (this.#started.get(label)?.resolve ?? 0) > resolves;
  }

  async #waitFor(done: () => boolean, ms: number): Promise<void> {
    for (const until = Date.now() + ms; !done() && Date.now() < until && !this.#disposed; ) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
