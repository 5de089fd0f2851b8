import type * as vscode from 'vscode';
import type { AppMetadata } from './auth/appStore';
import type { SessionLike, SessionLookup } from './auth/session';
import type { Deps } from './commands/deps';
import { promptsForTests } from './ui/prompts';
import { contextKeyValue, setContextKey } from './ui/contextKeys';
import type { TreeNode } from './views/node';
import { STEP_DONE } from './walkthrough/steps';

/**
 * What the in-VS-Code tests may reach, kept minimal; activate() returns it only outside
 * production. Nothing here hands out a secret.
 */
export interface TestingApi {
  /** code-server has no GitHub authentication provider: tests supply the session lookup. */
  useSessionLookup(lookup: SessionLookup): Promise<SessionLike | undefined>;
  apps(): AppMetadata[];
  /** Whether SecretStorage holds a key for the App (never the key itself). */
  hasAppKey(appId: number): Promise<boolean>;
  storagePaths(): { globalStorage: string; workspaceStorage?: string; logs: string };
  tree: vscode.TreeDataProvider<TreeNode>;
  mcpProvider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>;
  logLines(): readonly string[];
  /** After resolving definitions by hand (or stopping a server): nothing to restart for them. */
  forgetStartedServers(): void;
  /** A position in the log, and the lines written after it (immune to old lines being dropped). */
  logMark(): number;
  logLinesSince(mark: number): readonly string[];
  /** The status bar item as the user sees it. */
  statusBar(): { text: string; tooltip: string; command: string | undefined };
  /** Answers the commands' dialogs, pickers and notifications, and records what they showed (ui/prompts.ts). */
  prompts: typeof promptsForTests;
  /** The value this extension last gave a context key (VS Code cannot read one back). */
  contextKey(key: string): unknown;
  /** Clears the walkthrough's step keys, so that a test sees which command completes a step. */
  resetWalkthroughSteps(): Promise<void>;
}

export function createTestingApi(context: vscode.ExtensionContext, deps: Deps): TestingApi {
  return {
    useSessionLookup: (lookup) => deps.accounts.useLookup(lookup),
    apps: () => deps.apps.list(),
    hasAppKey: async (appId) => (await deps.apps.privateKey(appId)) !== undefined,
    storagePaths: () => ({ globalStorage: context.globalStorageUri.fsPath, workspaceStorage: context.storageUri?.fsPath, logs: context.logUri.fsPath }),
    tree: deps.tree,
    mcpProvider: deps.provider,
    logLines: () => deps.log.recent(),
    forgetStartedServers: () => deps.provider.forgetStarted(),
    logMark: () => deps.log.mark(),
    logLinesSince: (mark) => deps.log.since(mark),
    statusBar: () => {
      const { text, tooltip, command } = deps.statusBar.item;
      return { text, tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''), command: typeof command === 'string' ? command : command?.command };
    },
    prompts: promptsForTests,
    contextKey: (key) => contextKeyValue(key),
    resetWalkthroughSteps: async () => {
      for (const key of Object.values(STEP_DONE)) await setContextKey(key, false);
    },
  };
}
