/** Where GitHub's REST API lives for a host, following GitHub's own layout. */
export function apiUrlForHost(host: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(host) ? host : `https://${host}`;
  const url = new URL(withScheme);
  const hostname = url.hostname.toLowerCase();
  if (hostname === 'github.com' || hostname === 'api.github.com') return 'https://api.github.com';
  // GitHub Enterprise Cloud with data residency: SUBDOMAIN.ghe.com serves its API on api.SUBDOMAIN.ghe.com.
  if (hostname.endsWith('.ghe.com')) {
    return hostname.startsWith('api.') ? `https://${hostname}` : `https://api.${hostname}`;
  }
  // GitHub Enterprise Server serves the REST API below /api/v3 on the same host.
  const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return base.endsWith('/api/v3') ? base : `${base}/api/v3`;
}

/** The web host that goes with an API URL (OAuth endpoints, html links). */
export function webUrlForApi(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  if (url.hostname.endsWith('.ghe.com') && url.hostname.startsWith('api.')) return `https://${url.hostname.slice(4)}`;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/api\/v3\/?$/, '')}`;
}

/** False for "https://user:pw@host" and "user@host": Node would send those as Basic auth behind the configured method's back. */
export function hasNoCredentials(value: string): boolean {
  const text = value.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return url.username === '' && url.password === '';
  } catch {
    return !text.includes('@');
  }
}
