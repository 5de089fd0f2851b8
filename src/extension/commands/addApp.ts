import * as vscode from 'vscode';
import { announce } from '../ui/followUp';
import { startServerButton } from './restartServer';
import type { AppMetadata } from '../auth/appStore';
import type { Logger } from '../../core/logger';
import { asGitHubError, UserFacingError } from '../errorText';
import { withGitHub } from '../github/createGitHub';
import { serverEnv } from '../mcp/envContract';
import { inputBox, openDialog, showMessage } from '../ui/prompts';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

const showInstallationsButton = { title: 'Show Installations', run: () => vscode.commands.executeCommand('pygithubMcp.installations.show') };

export const ADD_APP = 'pygithubMcp.apps.add';

/** Arguments for scripted use (tests): no dialogs are shown when appId and a key are given. */
export interface AddAppArgs {
  appId: number | string;
  /** Path of the .pem file, read once. */
  pemPath?: string;
  /** Or the PEM text itself. */
  pem?: string;
  /** The REST API URL of the GitHub hosting the App; defaults to the configured host. */
  apiUrl?: string;
}

/**
 * Asks for the App ID and its private key, proves the key by calling GET /app with a JWT
 * signed by it, and stores the key in SecretStorage only. The .pem file is read once and
 * never copied; the App's name and slug come from GitHub.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('apps');
  registerCommand(context, deps, ADD_APP, 'Adding the GitHub App', async (raw?: unknown): Promise<AppMetadata | undefined> => {
    const args = scriptedArgs<AddAppArgs>(context, raw) ?? {};
    const scripted = args.appId !== undefined && (args.pem !== undefined || args.pemPath !== undefined);
    let appId = args.appId !== undefined ? parseAppId(String(args.appId)) : await askAppId();
    if (appId === undefined) return undefined;
    let key = args.pem !== undefined ? { pem: args.pem } : await readKey(args.pemPath);
    if (key === undefined) return undefined;
    const apiUrl = (args.apiUrl ?? deps.host().apiUrl).replace(/\/+$/, '');

    // A wrong App ID and another App's key look the same to GitHub (401): keep both, let the user fix either.
    for (;;) {
      try {
        return await addChecked(deps, log, appId, key.pem, apiUrl);
      } catch (error) {
        const mismatch = isMismatch(error);
        if (!mismatch) throw error;
        const text = `The App ID ${appId} and the private key${key.uri ? ` ${basename(key.uri)}` : ''} do not belong together (GitHub: ${mismatch}). Check the App ID under "About" on the App's settings page, and that the key was generated there.`;
        if (scripted) throw new UserFacingError(text);
        log.warn(text);
        const fix = await showMessage('error', text, CHANGE_ID, CHANGE_KEY);
        if (fix === CHANGE_ID) {
          const corrected = await askAppId(appId);
          if (corrected === undefined) return undefined;
          appId = corrected;
        } else if (fix === CHANGE_KEY) {
          const other = await readKey(undefined, key.uri);
          if (other === undefined) return undefined;
          key = other;
        } else return undefined;
      }
    }
  });
}

const CHANGE_ID = 'Change App ID…';
const CHANGE_KEY = 'Choose Another Key…';

/** Proves the key by calling GET /app with a JWT signed by it, then stores the App. */
async function addChecked(deps: Deps, log: Logger, appId: number, pem: string, apiUrl: string): Promise<AppMetadata> {
  const env = serverEnv({ kind: 'app', key: `app:${appId}`, apiUrl, appId, name: '', slug: '', privateKey: pem }, deps.options());
  const app = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking the key of GitHub App ${appId}…` },
    () => withGitHub(env, log, async (github) => github.integration!.getApp()),
  );
  if (Number(app.id) !== appId) {
    throw new UserFacingError(`GitHub answered for App ${String(app.id)}, not ${appId}: check the App ID on the App's settings page.`);
  }
  const owner = (app.owner as { login?: string } | null | undefined)?.login;
  const metadata: AppMetadata = {
    id: appId,
    name: String(app.name ?? app.slug ?? appId),
    slug: String(app.slug ?? ''),
    baseUrl: apiUrl,
    ...(typeof app.html_url === 'string' ? { htmlUrl: app.html_url } : {}),
    ...(typeof app.client_id === 'string' ? { clientId: app.client_id } : {}),
    ...(owner ? { owner } : {}),
    addedAt: new Date().toISOString(),
  };
  await deps.apps.add(metadata, pem.trim());
  log.info(`added GitHub App ${metadata.name} (${metadata.id}) on ${apiUrl}`);
  announce(`GitHub App "${metadata.name}" added. Its MCP server is now available to Copilot.`, showInstallationsButton, startServerButton(deps, `app:${metadata.id}`));
  return metadata;
}

/** GitHub's answer when the App ID is unknown or the JWT is not signed by that App's key; undefined otherwise. */
function isMismatch(error: unknown): string | undefined {
  const mapped = asGitHubError(error);
  if (mapped?.kind !== 'auth') return undefined;
  const said = /Integration not found|could not be decoded/i.exec(mapped.message);
  return said?.[0];
}

function basename(uri: vscode.Uri): string {
  return uri.path.replace(/^.*\//, '');
}

function parseAppId(text: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) <= 0) throw new UserFacingError(`"${trimmed}" is not an App ID: it is the number on the App's settings page.`);
  return Number(trimmed);
}

/** Asks for the App ID, prefilled with the one to correct. */
async function askAppId(previous?: number): Promise<number | undefined> {
  const value = await inputBox({
    ...(previous !== undefined ? { value: String(previous) } : {}),
    title: 'Add GitHub App (1/2)',
    prompt: "The App ID, shown under \"About\" on the App's settings page",
    placeHolder: '123456',
    ignoreFocusOut: true,
    validateInput: (text) => (/^\s*\d+\s*$/.test(text) && Number(text) > 0 ? undefined : 'Enter the numeric App ID'),
  });
  return value === undefined ? undefined : Number(value.trim());
}

/** Reads the key from `path`, or the file the user picks (starting beside the key to replace). */
async function readKey(path: string | undefined, previous?: vscode.Uri): Promise<{ pem: string; uri?: vscode.Uri } | undefined> {
  let uri: vscode.Uri | undefined;
  if (path) uri = vscode.Uri.file(path);
  else {
    const picked = await openDialog({
      ...(previous ? { defaultUri: previous } : {}),
      title: 'Add GitHub App (2/2): the private key (.pem) generated on the App settings page',
      canSelectMany: false,
      filters: { 'Private key': ['pem'], 'All files': ['*'] },
      openLabel: 'Use This Key',
    });
    uri = picked?.[0];
  }
  if (!uri) return undefined;
  // workspace.fs reads where the extension host runs (local, remote or code-server alike).
  const bytes = await vscode.workspace.fs.readFile(uri);
  const text = Buffer.from(bytes).toString('utf8');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new UserFacingError(`${uri.fsPath} is not a PEM private key: download a new one under "Private keys" on the App's settings page.`);
  }
  return { pem: text, uri };
}

