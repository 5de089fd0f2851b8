import type * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { AppStore } from '../auth/appStore';
import type { AuthChecks } from '../auth/authChecks';
import type { AppUserRefresher } from '../auth/appUserRefresher';
import type { CredentialStore } from '../auth/credentialStore';
import type { AccountSessions } from '../auth/session';
import type { GitHubClients } from '../github/appClients';
import type { RateLimits } from '../github/rateLimits';
import type { ExtensionLog } from '../log';
import type { IdentityResolver } from '../mcp/identities';
import type { McpServerProvider } from '../mcp/provider';
import type { GitHubHost, ServerOptions } from '../settings';
import type { StatusBar } from '../ui/statusBar';
import type { InstallationsProvider } from '../views/installationsProvider';

/** What every command gets; built once in activate(). */
export interface Deps {
  log: ExtensionLog;
  logger(component: string): Logger;
  apps: AppStore;
  credentials: CredentialStore;
  accounts: AccountSessions;
  identities: IdentityResolver;
  provider: McpServerProvider;
  refresher: AppUserRefresher;
  clients: GitHubClients;
  tree: InstallationsProvider;
  /** The last check of each identity, shown on its Accounts row. */
  checks: AuthChecks;
  rateLimits: RateLimits;
  statusBar: StatusBar;
  options(): ServerOptions;
  host(): GitHubHost;
  /** Writes one `pygithubMcp.*` setting (user settings). */
  updateSetting(key: string, value: unknown): Thenable<void>;
}

export type Register = (context: vscode.ExtensionContext, deps: Deps) => void;
