/**
 * GitHub's own grammar for the arguments that end up in a URL path, checked by argument name
 * for every tool, so a new tool gets it by naming its arguments as the others do.
 * Octokit percent-encodes path parameters, but "." and ".." survive encoding and URL
 * normalisation resolves them: list_issues(owner: "..", repo: "..") once sent the token to
 * GET /api/issues. The transport's base-path fence is the backstop; this says which argument
 * was wrong.
 */

/** The rule for one argument: a problem to report, or undefined when the value is fine. */
type Rule = (value: string) => string | undefined;

const CONTROL = /[\u0000-\u001f\u007f]/;

// Logins: letters, digits, "-" and "_" (Enterprise Managed Users' "name_shortcode"); "[bot]" for Apps.
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(?:\[bot\])?$/;
const login: Rule = (value) => (LOGIN.test(value) ? undefined : 'must be a GitHub login (letters, digits, "-" and "_")');

const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const repo: Rule = (value) =>
  value === '.' || value === '..' || !REPO.test(value) ? 'must be a repository name (letters, digits, ".", "-" and "_"; not "." or "..")' : undefined;

/** git check-ref-format: what a branch, tag or other ref name may be. A sha passes too. */
const ref: Rule = (value) => {
  if (value === '' || value === '@') return 'must be a branch, tag or commit sha';
  if (CONTROL.test(value) || /[\s~^:?*[\\]/.test(value)) return 'must be a branch, tag or sha: no spaces, control characters or any of ~ ^ : ? * [ \\';
  if (value.includes('..') || value.includes('@{')) return 'must be a branch, tag or sha: no ".." or "@{"';
  const parts = value.split('/');
  if (parts.some((part) => part === '' || part.startsWith('.') || part.endsWith('.lock'))) {
    return 'must be a branch, tag or sha: no empty "/" parts, parts starting with "." or ending in ".lock"';
  }
  return value.endsWith('.') ? 'must be a branch, tag or sha: it cannot end with "."' : undefined;
};

/** A pull request head: "branch", or "owner:branch" for a branch in a fork. */
const head: Rule = (value) => {
  const colon = value.indexOf(':');
  if (colon < 0) return ref(value);
  return login(value.slice(0, colon)) ? 'must be "branch" or "owner:branch" with a GitHub login as owner' : ref(value.slice(colon + 1));
};

/** A path inside a repository (or below the API base): no ".", ".." or empty segments between "/". */
const path: Rule = (value) => {
  if (CONTROL.test(value)) return 'must be a path without control characters';
  if (/^[a-z][a-z0-9+.-]*:\/\/|^\/\//i.test(value)) return 'must be a path, not a URL';
  const inner = value.replace(/^\/+|\/+$/g, '');
  if (inner === '') return undefined;
  const segments = inner.split('/');
  if (segments.some((segment) => segment === '')) return 'must be a path without empty segments ("//")';
  if (segments.some((segment) => segment === '.' || segment === '..' || /^%2e%2e?$/i.test(segment) || /^%2e\.$|^\.%2e$/i.test(segment))) {
    return 'must be a path without "." or ".." segments';
  }
  return undefined;
};

/** A team slug: lowercase letters, digits and "-" on GitHub; anything that cannot be a path segment is refused. */
const slug: Rule = (value) => (/^[A-Za-z0-9._-]{1,255}$/.test(value) && value !== '.' && value !== '..' ? undefined : 'must be a team slug (letters, digits, "-", "_" and "."; not "." or "..")');

const RULES: Record<string, Rule> = {
  owner: login,
  org: login,
  organization: login,
  team_slug: slug,
  username: login,
  assignees: login,
  reviewers: login,
  repo,
  branch: ref,
  from_branch: ref,
  base: ref,
  ref,
  sha: ref,
  tag: ref,
  tree_sha: ref,
  head,
  path,
  path_filter: path,
};

/** Every string argument is capped; file content gets the larger ceiling documented in the README. */
export const MAX_ARGUMENT_CHARS = 65_536;
export const MAX_CONTENT_BYTES = 5 * 1024 * 1024;

/**
 * Problems with the arguments, each as "name: problem". Runs after the zod schema accepted
 * the arguments, so types are right; strings are checked for well-formed UTF-16 everywhere,
 * because a lone surrogate makes encodeURIComponent throw deep inside a request.
 */
export function grammarProblems(args: Record<string, unknown>): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(args)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      const malformed = findMalformed(item);
      if (malformed !== undefined) {
        problems.push([name, `${name}${malformed}: contains an unpaired UTF-16 surrogate; send well-formed text`]);
        break;
      }
      if (typeof item !== 'string') continue;
      const problem = lengthProblem(name, item) ?? RULES[name]?.(item);
      if (problem) {
        problems.push([name, `${name}: ${problem}, not ${quote(item)}`]);
        break;
      }
    }
  }
  return problems;
}

/** The problem with one value checked by an argument's name; for strings nested in objects (push_files' files[].path). */
export function argumentProblem(name: string, value: string): string | undefined {
  return lengthProblem(name, value) ?? RULES[name]?.(value);
}

function lengthProblem(name: string, value: string): string | undefined {
  if (name === 'content') {
    return Buffer.byteLength(value, 'utf8') > MAX_CONTENT_BYTES ? `is over ${MAX_CONTENT_BYTES / 1024 / 1024} MB of UTF-8; commit large files with git instead` : undefined;
  }
  return value.length > MAX_ARGUMENT_CHARS ? `is longer than ${MAX_ARGUMENT_CHARS} characters` : undefined;
}

/**
 * Keys no argument may carry at any depth: zod drops an own "__proto__" key silently, so
 * {"permissions": {"__proto__": …}} would otherwise be accepted as something it is not.
 */
export function forbiddenKeyProblems(args: unknown): Array<[string, string]> {
  if (!args || typeof args !== 'object') return [];
  const problems: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(args)) {
    const where = name === '__proto__' ? '' : findKey(value, '__proto__');
    if (where !== undefined) problems.push([name, `${name}${where}: the key "__proto__" is not accepted`]);
  }
  return problems;
}

function findKey(value: unknown, forbidden: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key === forbidden) return `.${key}`;
    const inner = findKey(item, forbidden);
    if (inner !== undefined) return `.${key}${inner}`;
  }
  return undefined;
}

/** "" when a string is malformed, ".key" for the first malformed nested string, undefined when all are fine. */
function findMalformed(value: unknown): string | undefined {
  if (typeof value === 'string') return value.isWellFormed() ? undefined : '';
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!key.isWellFormed()) return '';
      const inner = findMalformed(item);
      if (inner !== undefined) return `.${key}${inner}`;
    }
  }
  return undefined;
}

/** An argument as echoed in an error: quoted, and cut so a 1 MB argument cannot become a 1 MB error. */
export function quote(value: string, limit = 80): string {
  const cut = value.length > limit ? `${value.slice(0, limit)}…` : value;
  return JSON.stringify(cut.isWellFormed() ? cut : cut.toWellFormed());
}
