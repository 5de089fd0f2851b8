import * as vscode from 'vscode';
import type { RateLimits } from '../github/rateLimits';
import type { AccountSummary } from '../views/accountSummary';
import { clockTime, statusText } from './statusText';

export const STATUS_COMMAND = 'pygithubMcp.status.show';

export interface StatusSources {
  /** Local reads only (see IdentityResolver.all). */
  accounts(): Promise<AccountSummary[]>;
  running(label: string): boolean;
  readOnly(): boolean;
  rateLimits: RateLimits;
}

/**
 * The status bar item: the state at a glance, kept up to date by activate()'s events;
 * clicking it opens the main actions. Showing it reads nothing from GitHub.
 */
export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('pygithubMcp.status', vscode.StatusBarAlignment.Left, 50);
  #accounts: AccountSummary[] = [];
  #busy: string | undefined;
  #updates = 0;

  constructor(private readonly sources: StatusSources) {
    this.item.name = 'PyGithub MCP';
    this.item.command = STATUS_COMMAND;
    this.item.show();
    this.#render();
  }

  /** Reads the identities again (they are local) and redraws. */
  async update(): Promise<void> {
    const call = ++this.#updates;
    const accounts = await this.sources.accounts();
    if (call !== this.#updates) return;
    this.#accounts = accounts;
    this.#render();
  }

  /** Redraws from what is known (servers started or stopped, rate limits, read-only). */
  redraw(): void {
    this.#render();
  }

  /** How many of the identities' servers this window runs. */
  runningCount(): number {
    return this.#accounts.filter((account) => this.sources.running(account.label)).length;
  }

  /** Shows `what` with a spinner until `work` settles. */
  async busy<T>(what: string, work: () => Promise<T>): Promise<T> {
    this.#busy = what;
    this.#render();
    try {
      return await work();
    } finally {
      this.#busy = undefined;
      this.#render();
    }
  }

  dispose(): void {
    this.item.dispose();
  }

  #render(): void {
    const { rateLimits } = this.sources;
    const running = this.#accounts.filter((account) => this.sources.running(account.label));
    this.item.text = statusText({ identities: this.#accounts.length, running: running.length, readOnly: this.sources.readOnly(), lowest: rateLimits.lowest(), busy: this.#busy });
    const limits = new Map(rateLimits.all().map((limit) => [limit.label, limit]));
    const rows = this.#accounts.map((account) => {
      const limit = limits.get(account.label);
      return `| ${account.label} | ${this.sources.running(account.label) ? 'running' : 'stopped'} | ${limit ? `${limit.remaining}/${limit.limit}, resets ${clockTime(limit.reset)}` : '—'} |`;
    });
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**PyGithub MCP**${this.sources.readOnly() ? ' · $(lock) read-only' : ''}\n\n`);
    if (rows.length) tooltip.appendMarkdown(['| Account | MCP server | Rate limit |', '| --- | --- | --- |', ...rows].join('\n'));
    else tooltip.appendMarkdown('No account yet: add a GitHub App or sign in.');
    tooltip.appendMarkdown(
      `\n\n${rateLimits.fetchedAt ? `Rate limits as of ${new Date(rateLimits.fetchedAt).toLocaleTimeString()}.` : 'Rate limits are read once a server starts, or from the menu.'} Click for actions.`,
    );
    this.item.tooltip = tooltip;
    this.item.backgroundColor = this.#low() ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  /** Under a tenth of the limit left: worth a colour. */
  #low(): boolean {
    const lowest = this.sources.rateLimits.lowest();
    return lowest !== undefined && lowest.remaining < lowest.limit / 10;
  }
}
