import { tokenKind } from '../../core/auth/types';
import { labelFor, type Identity, type IdentityKey } from '../mcp/identity';

/**
 * What the Accounts rows and the status bar show of an identity, without its secrets: the
 * tree keeps these, never the Identity (which carries the token or key).
 */
export interface AccountSummary {
  key: IdentityKey;
  kind: Identity['kind'];
  /** The server label (see labelFor): the same name everywhere. */
  label: string;
  /** Who GitHub sees: a login, or the App. */
  actsAs: string;
  /** The kind of credential, in words. */
  credential: string;
  /** ISO time the credential expires, when one is known. */
  expiresAt?: string;
  apiUrl: string;
}

/** The outcome of the last "Check Authentication" of an identity. */
export interface CheckRecord {
  ok: boolean;
  actor?: string;
  error?: string;
  at: number;
}

/** State that changes while the identity stays the same. */
export interface AccountState {
  readOnly: boolean;
  running: boolean;
  check?: CheckRecord;
}

export function summarize(identity: Identity): AccountSummary {
  const base = { key: identity.key, kind: identity.kind, label: labelFor(identity), apiUrl: identity.apiUrl };
  switch (identity.kind) {
    case 'account':
      return { ...base, actsAs: identity.account, credential: `VS Code GitHub session (${tokenKind(identity.token)})` };
    case 'app':
      return {
        ...base,
        actsAs: identity.installationId ? `${identity.name}, installation ${identity.installationId}` : `${identity.name}, on each installation`,
        credential: 'App JWT, then installation tokens (1 hour each)',
      };
    case 'pat':
      return { ...base, actsAs: identity.login ?? 'unknown user', credential: tokenKind(identity.token) };
    case 'login':
      return { ...base, actsAs: identity.login, credential: 'login and password (basic auth)' };
    case 'netrc':
      return { ...base, actsAs: 'the netrc entry for the host', credential: `netrc file${identity.file ? ` ${identity.file}` : ' (~/.netrc)'}` };
    case 'appUser':
      return { ...base, actsAs: identity.login ?? 'unknown user', credential: tokenKind(identity.token), ...(identity.expiresAt ? { expiresAt: identity.expiresAt } : {}) };
  }
}

/** The row's description: short words for the state, most telling first. */
export function describeState(summary: AccountSummary, state: AccountState, now = Date.now()): string {
  return [
    state.check && !state.check.ok ? 'check failed' : '',
    state.running ? 'running' : 'stopped',
    state.readOnly ? 'read-only' : '',
    summary.expiresAt ? expiryWords(summary.expiresAt, now) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The tooltip's lines (Markdown): everything the row abbreviates. */
export function tooltipLines(summary: AccountSummary, state: AccountState, now = Date.now()): string[] {
  const check = state.check;
  return [
    `**${summary.label}**`,
    '',
    `Acts as: ${summary.actsAs}  `,
    `Credential: ${summary.credential}  `,
    `Expires: ${summary.expiresAt ? `${summary.expiresAt} (${expiryWords(summary.expiresAt, now)})` : summary.kind === 'app' ? 'each installation token after 1 hour; minted again as needed' : 'no expiry known to the extension'}  `,
    `Read-only: ${state.readOnly ? 'yes, write tools are off' : 'no'}  `,
    `MCP server: ${state.running ? 'running (started in this window)' : 'not started in this window'}  `,
    `API: ${summary.apiUrl}  `,
    check ? `Last check: ${check.ok ? `OK, acting as ${check.actor}` : `failed: ${check.error}`} (${new Date(check.at).toLocaleTimeString()})` : 'Not checked yet: use the check action.',
  ];
}

export function expiryWords(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return 'expiry unknown';
  if (ms <= 0) return 'expired';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `expires in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `expires in ${hours} h` : `expires in ${Math.round(hours / 24)} days`;
}
