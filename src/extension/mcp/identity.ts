/**
 * An identity the extension serves as one MCP server: who the server acts as, on which
 * GitHub, with the credentials already read from SecretStorage. Plain data, so the env
 * contract and the definitions can be built and tested without VS Code.
 */
export type Identity =
  | { kind: 'account'; key: 'account'; apiUrl: string; account: string; token: string }
  | {
      kind: 'app';
      key: `app:${number}`;
      apiUrl: string;
      appId: number;
      name: string;
      slug: string;
      privateKey: string;
      installationId?: number;
      permissions?: Record<string, string>;
    }
  | { kind: 'pat'; key: 'pat'; apiUrl: string; login?: string; token: string }
  | { kind: 'login'; key: 'login'; apiUrl: string; login: string; password: string }
  | { kind: 'netrc'; key: 'netrc'; apiUrl: string; file?: string }
  | {
      kind: 'appUser';
      key: 'appUser';
      apiUrl: string;
      login?: string;
      clientId: string;
      token: string;
      expiresAt?: string;
    };

export type IdentityKey = Identity['key'];

/** The label VS Code shows; it also names the server (`<extension id>/<label>`). */
export function labelFor(identity: Identity): string {
  switch (identity.kind) {
    case 'account':
      return `GitHub (${identity.account})`;
    case 'app':
      return `GitHub App: ${identity.slug || identity.name || identity.appId}`;
    case 'pat':
      return identity.login ? `GitHub PAT (${identity.login})` : 'GitHub PAT';
    case 'login':
      return `GitHub Login (${identity.login})`;
    case 'netrc':
      return 'GitHub (netrc)';
    case 'appUser':
      return identity.login ? `GitHub App user (${identity.login})` : 'GitHub App user';
  }
}
