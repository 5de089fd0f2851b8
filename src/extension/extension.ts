import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { AppStore } from './auth/appStore';
import { AppUserRefresher } from './auth/appUserRefresher';
import { coreRefresher } from './auth/appUserTokens';
import { CredentialStore } from './auth/credentialStore';
import { AccountSessions, createSessionLookup, type SessionLookup } from './auth/session';
import { COMMANDS } from './commands';
import type { Deps } from './commands/deps';
import { AppClients } from './github/appClients';
import { ExtensionLog } from './log';
import { IdentityResolver } from './mcp/identities';
import { McpServerProvider, PROVIDER_ID } from './mcp/provider';
import { optionsEnv, readServerOptions, resolveHost, type ServerOptions } from './settings';
import { InstallationsProvider, VIEW_ID } from './views/installationsProvider';
import { createTestingApi, type TestingApi } from './testing';

const SECTION = 'pygithubMcp';
const SALT_KEY = 'pygithubMcp.versionSalt';

export interface ExtensionApi {
  /** Only outside production (extension development and tests). */
  testing?: TestingApi;
}

/**
 * Wiring only: log, stores, MCP provider, commands, view. Nothing here touches the
 * network; the first GitHub call happens when a server starts, a node expands or a
 * command runs.
 */
export function activate(context: vscode.ExtensionContext, sessionLookup?: SessionLookup): ExtensionApi {
  const channel = vscode.window.createOutputChannel('PyGithub MCP Server', { log: true });
  context.subscriptions.push(channel);
  const log = new ExtensionLog(channel);
  const logger = (component: string) => log.component(component);

  const options = (): ServerOptions => {
    const config = vscode.workspace.getConfiguration(SECTION);
    return readServerOptions((key, fallback) => config.get(key, fallback));
  };
  const host = () => resolveHost(options(), vscode.workspace.getConfiguration('github-enterprise').get<string>('uri'));

  const apps = new AppStore(context.secrets, context.globalState);
  const credentials = new CredentialStore(context.secrets, context.globalState);
  const accounts = new AccountSessions(
    sessionLookup ?? createSessionLookup(vscode.authentication),
    () => ({ providerId: host().providerId, scopes: options().userAccountScopes }),
    vscode.authentication,
    (message) => logger('account').debug(message),
  );
  const refresher = new AppUserRefresher(credentials, coreRefresher(() => optionsEnv(options()), logger('appUser')), logger('appUser'));
  const identities = new IdentityResolver({ apps, credentials, accounts, options, host });
  const clients = new AppClients(identities, logger('github'));
  const provider = new McpServerProvider({
    identities,
    accounts,
    refresher,
    serverPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath,
    salt: versionSalt(context),
    log: logger('mcp'),
  });
  const tree = new InstallationsProvider(apps, clients, () => options().perPage);
  context.subscriptions.push(apps, credentials, accounts, refresher, clients, provider, tree);

  context.subscriptions.push(vscode.lm.registerMcpServerDefinitionProvider(PROVIDER_ID, provider));
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(view);

  const updateContext = () => {
    void vscode.commands.executeCommand('setContext', 'pygithubMcp.hasApps', apps.list().length > 0);
    void vscode.commands.executeCommand('setContext', 'pygithubMcp.signedIn', accounts.current !== undefined);
  };
  updateContext();
  // Any change that alters a definition (identity, token, option) is a new version for VS Code.
  context.subscriptions.push(
    apps.onDidChange(() => {
      updateContext();
      tree.refresh();
      provider.refresh();
    }),
    credentials.onDidChange(() => provider.refresh()),
    accounts.onDidChange(() => {
      updateContext();
      provider.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION) || event.affectsConfiguration('github-enterprise.uri')) {
        clients.reset();
        provider.refresh();
        if (event.affectsConfiguration(`${SECTION}.perPage`) || event.affectsConfiguration(`${SECTION}.apps`)) tree.refresh();
      }
    }),
  );

  const deps: Deps = {
    log,
    logger,
    apps,
    credentials,
    accounts,
    identities,
    provider,
    refresher,
    clients,
    tree,
    options,
    host,
    updateSetting: (key, value) => vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global),
  };
  for (const register of COMMANDS) register(context, deps);

  // Arms a timer only; a refresh, if due, happens at the earliest 30 s from now.
  void refresher.schedule();
  logger('extension').info(`activated (VS Code ${vscode.version}, ${vscode.env.appName})`);

  return context.extensionMode === vscode.ExtensionMode.Production ? {} : { testing: createTestingApi(context, deps) };
}

/** A random key for definition versions, kept across restarts so versions are stable. */
function versionSalt(context: vscode.ExtensionContext): string {
  let salt = context.globalState.get<string>(SALT_KEY);
  if (!salt) {
    salt = randomBytes(32).toString('hex');
    void context.globalState.update(SALT_KEY, salt);
  }
  return salt;
}

export function deactivate(): void {}
