import * as vscode from 'vscode';
import { AppStore } from './auth/appStore';
import { AuthChecks } from './auth/authChecks';
import { AppUserRefresher } from './auth/appUserRefresher';
import { coreRefresher } from './auth/appUserTokens';
import { CredentialStore } from './auth/credentialStore';
import { AccountSessions, createSessionLookup } from './auth/session';
import { COMMANDS } from './commands';
import type { Deps } from './commands/deps';
import { gitHubClients } from './github/appClients';
import { rateLimitFetcher } from './github/fetchRateLimit';
import { RateLimits } from './github/rateLimits';
import { ExtensionLog } from './log';
import { IdentityResolver } from './mcp/identities';
import { McpServerProvider, PROVIDER_ID } from './mcp/provider';
import { versionSalt } from './mcp/versionSalt';
import { optionsEnv, readServerOptions, resolveHost, type ServerOptions } from './settings';
import { StatusBar } from './ui/statusBar';
import { summarize } from './views/accountSummary';
import { InstallationsProvider, VIEW_ID, type AccountSource } from './views/installationsProvider';
import { createTestingApi, type TestingApi } from './testing';

const SECTION = 'pygithubMcp';

export interface ExtensionApi {
  /** Only outside production (extension development and tests). */
  testing?: TestingApi;
}

/**
 * Wiring only: log, stores, MCP provider, commands, view. Nothing here touches the
 * network; the first GitHub call happens when a server starts, a node expands or a
 * command runs.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = vscode.window.createOutputChannel('PyGithub MCP Server', { log: true });
  context.subscriptions.push(channel);
  const log = new ExtensionLog(channel);
  const logger = (component: string) => log.component(component);

  const options = (): ServerOptions => {
    const config = vscode.workspace.getConfiguration(SECTION);
    return readServerOptions((key, fallback) => config.get(key, fallback));
  };
  const host = () => resolveHost(options(), vscode.workspace.getConfiguration('github-enterprise').get<string>('uri'));

  const listenerError = (error: unknown) => logger('extension').error(`an event listener failed: ${(error as Error)?.message ?? String(error)}`);
  const apps = new AppStore(context.secrets, context.globalState, listenerError);
  const credentials = new CredentialStore(context.secrets, context.globalState, context.secrets.onDidChange, listenerError);
  const accounts = new AccountSessions(
    // Tests substitute the lookup through the testing API (code-server has no GitHub provider).
    createSessionLookup(vscode.authentication),
    () => ({ providerId: host().providerId, scopes: options().userAccountScopes }),
    vscode.authentication,
    (message) => logger('account').debug(message),
  );
  const refresher = new AppUserRefresher(credentials, coreRefresher(() => optionsEnv(options()), logger('appUser')), logger('appUser'), offerAppUserSignIn);
  const identities = new IdentityResolver({ apps, credentials, accounts, options, host, log: logger('identities') });
  const clients = gitHubClients(identities, logger('github'));
  const provider = new McpServerProvider({
    identities,
    accounts,
    refresher,
    serverPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath,
    salt: versionSalt(context.secrets, logger('mcp')),
    log: logger('mcp'),
    stop: (label) => mcpServerCommand('workbench.mcp.stopServer', context, label),
    start: (label) => mcpServerCommand('workbench.mcp.startServer', context, label),
  });
  // Versions up to 0.1 kept their HMAC key here, next to the versions it keys; it now lives in SecretStorage.
  void context.globalState.update('pygithubMcp.versionSalt', undefined);
  const checks = new AuthChecks();
  const accountSource: AccountSource = {
    identities: () => identities.all(),
    state: (summary) => ({ readOnly: options().readOnly, running: provider.isRunning(summary.label), check: checks.get(summary.key) }),
  };
  const tree = new InstallationsProvider(apps, clients, () => options().perPage, accountSource);
  const rateLimits = new RateLimits(rateLimitFetcher(identities, clients, logger('rateLimit')), logger('rateLimit'));
  const statusBar = new StatusBar({
    accounts: async () => (await identities.all()).map(summarize),
    running: (label) => provider.isRunning(label),
    readOnly: () => options().readOnly,
    rateLimits,
  });
  context.subscriptions.push(apps, credentials, accounts, refresher, clients, provider, tree, checks, rateLimits, statusBar);

  context.subscriptions.push(vscode.lm.registerMcpServerDefinitionProvider(PROVIDER_ID, provider));
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(view);

  const updateContext = () => {
    void vscode.commands.executeCommand('setContext', 'pygithubMcp.hasApps', apps.list().length > 0);
    void vscode.commands.executeCommand('setContext', 'pygithubMcp.signedIn', accounts.current !== undefined);
  };
  updateContext();
  void statusBar.update();
  // A silent, local lookup: the welcome view must not offer sign-in to a signed-in user.
  void accounts.refresh();
  // Any change that alters a definition (identity, token, option) is a new version for VS Code;
  // a changed App or credential also makes its last check stale.
  const identitiesChanged = (staleChecks: boolean) => () => {
    if (staleChecks) checks.clear();
    updateContext();
    tree.refresh();
    provider.refresh();
    void statusBar.update();
  };
  context.subscriptions.push(
    apps.onDidChange(identitiesChanged(true)),
    credentials.onDidChange(identitiesChanged(true)),
    accounts.onDidChange(identitiesChanged(false)),
    provider.onDidChangeRunning(() => {
      tree.refresh();
      statusBar.redraw();
      // Rate limits are worth reading once something uses them, and then every few minutes.
      rateLimits.follow(statusBar.runningCount() > 0);
    }),
    rateLimits.onDidChange(() => statusBar.redraw()),
    checks.onDidChange(() => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION) || event.affectsConfiguration('github-enterprise.uri')) {
        clients.reset();
        provider.refresh();
        void statusBar.update();
        if (event.affectsConfiguration(`${SECTION}.perPage`) || event.affectsConfiguration(`${SECTION}.apps`)) void tree.reload();
        else tree.refresh();
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
    checks,
    rateLimits,
    statusBar,
    options,
    host,
    updateSetting: (key, value) => vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global),
  };
  for (const register of COMMANDS) register(context, deps);

  // Arms a timer only; a refresh, if due, happens at the earliest 30 s from now.
  void refresher.schedule().catch((error: unknown) => logger('appUser').warn(`cannot schedule the App user refresh: ${(error as Error).message}`));
  logger('extension').info(`activated (VS Code ${vscode.version}, ${vscode.env.appName})`);

  return context.extensionMode === vscode.ExtensionMode.Production ? {} : { testing: createTestingApi(context, deps) };
}

/**
 * VS Code's own stop and start, by server id (`<extension id>/<label>`); its restart command
 * would also open the server's output panel at every unattended token rotation.
 */
async function mcpServerCommand(command: string, context: vscode.ExtensionContext, label: string): Promise<void> {
  await vscode.commands.executeCommand(command, `${context.extension.id.toLowerCase()}/${label}`);
}

/** GitHub refused the App user's refresh token: only a new sign-in helps. */
function offerAppUserSignIn(message: string): void {
  void vscode.window.showWarningMessage(`${message}`, 'Sign in as App user again').then(
    (choice) => (choice ? vscode.commands.executeCommand('pygithubMcp.appUser.signIn') : undefined),
    () => undefined,
  );
}

export function deactivate(): void {}
