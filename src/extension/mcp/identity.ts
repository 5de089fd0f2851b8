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

/**
 * The one name of an identity: the tree row, the MCP server list and the tools picker all
 * show it, and it names the server (`<extension id>/<label>`), so it holds only what stays
 * put (kind and who), never state such as expiry or running. Scheme: `GitHub <kind> (<who>)`.
 */
export function labelFor(identity: Identity): string {
  switch (identity.kind) {
    case 'account':
      return serverLabel('account', identity.account);
    case 'app':
      return appLabel(identity);
    case 'pat':
      return serverLabel('PAT', identity.login);
    case 'login':
      return serverLabel('login', identity.login);
    case 'netrc':
      return serverLabel('netrc');
    case 'appUser':
      return serverLabel('App user', identity.login);
  }
}

/** An App's name in that scheme, from its metadata alone (the tree has no private key). */
export function appLabel(app: { slug?: string; name?: string; appId?: number; id?: number }): string {
  return serverLabel('App', app.slug || app.name || String(app.appId ?? app.id));
}

function serverLabel(kind: string, who?: string): string {
  return who ? `GitHub ${kind} (${who})` : `GitHub ${kind}`;
}
