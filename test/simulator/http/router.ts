import type { Ctx, Reply } from './context';

// A tiny path router. ':name' matches one segment, '*name' the (possibly
// empty) rest, so contents paths and branch names with slashes work.

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

export interface RouteOptions {
  /** Only an App JWT may call it (octokit's auth-app sends JWTs exactly here). */
  jwt?: boolean;
  resource?: 'core' | 'search' | 'graphql';
  /** Like GitHub, GET /rate_limit does not count against the limit. */
  free?: boolean;
  /** The scopes GitHub lists in X-Accepted-OAuth-Scopes for this route. */
  scopes?: string;
}

export interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  options: RouteOptions;
}

export type Match = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined;

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i];
    if (seg.startsWith('*')) {
      params[seg.slice(1)] = parts.slice(i).join('/');
      return params;
    }
    if (i >= parts.length) return undefined;
    if (seg.startsWith(':')) params[seg.slice(1)] = parts[i];
    else if (seg.toLowerCase() !== parts[i].toLowerCase()) return undefined;
  }
  return pattern.length === parts.length ? params : undefined;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler, options });
    return this;
  }

  /** Every route, as registered: method and pattern ("/repos/:owner/:repo", "*path" for the rest). */
  list(): Array<{ method: string; pattern: string; options: RouteOptions }> {
    return this.routes.map((r) => ({ method: r.method, pattern: `/${r.segments.join('/')}`, options: r.options }));
  }

  match(method: string, path: string): Match {
    let parts: string[];
    try {
      parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
    } catch {
      return undefined;
    }
    let wrongMethod = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
      wrongMethod = true;
    }
    return wrongMethod ? { methodNotAllowed: true } : undefined;
  }
}
