import { grammarProblems } from '../tools/grammar';

/*
 * Repository contents as MCP resource templates, in github-mcp-server's URI shapes. A URI is
 * parsed here by hand (segments percent-decoded one by one) and its parts then pass the same
 * argument grammar as tool arguments: a "..", a "//" or a control character never reaches a request.
 */

export type RefKind = 'default' | 'branch' | 'tag' | 'sha' | 'pull';

export interface ContentTemplate {
  kind: RefKind;
  uriTemplate: string;
  name: string;
  title: string;
  description: string;
  /** The template variable naming the ref, if any. */
  refArgument?: 'branch' | 'tag' | 'sha' | 'prNumber';
}

export const CONTENT_TEMPLATES: readonly ContentTemplate[] = [
  { kind: 'default', uriTemplate: 'repo://{owner}/{repo}/contents{/path*}', name: 'repository_contents', title: 'Repository contents', description: 'A file or directory on the default branch.' },
  { kind: 'branch', uriTemplate: 'repo://{owner}/{repo}/refs/heads/{branch}/contents{/path*}', name: 'repository_contents_branch', title: 'Repository contents at a branch', description: 'A file or directory on a branch ("/" in the branch name as %2F).', refArgument: 'branch' },
  { kind: 'tag', uriTemplate: 'repo://{owner}/{repo}/refs/tags/{tag}/contents{/path*}', name: 'repository_contents_tag', title: 'Repository contents at a tag', description: 'A file or directory at a tag.', refArgument: 'tag' },
  { kind: 'sha', uriTemplate: 'repo://{owner}/{repo}/sha/{sha}/contents{/path*}', name: 'repository_contents_sha', title: 'Repository contents at a commit', description: 'A file or directory at a commit sha.', refArgument: 'sha' },
  { kind: 'pull', uriTemplate: 'repo://{owner}/{repo}/refs/pull/{prNumber}/head/contents{/path*}', name: 'repository_contents_pull', title: 'Repository contents of a pull request', description: "A file or directory at a pull request's head.", refArgument: 'prNumber' },
];

export interface ContentTarget {
  owner: string;
  repo: string;
  kind: RefKind;
  /** The ref as the contents API takes it; undefined for the default branch. */
  ref?: string;
  /** Without leading or trailing "/"; "" for the root. */
  path: string;
}

const MAX_URI_CHARS = 4_096;

/** The target of a repo:// URI, or the problem with it (a sentence naming the part that is wrong). */
export function parseContentUri(uri: string): ContentTarget | string {
  if (uri.length > MAX_URI_CHARS) return `The URI is longer than ${MAX_URI_CHARS} characters.`;
  const match = /^repo:\/\/([^/?#]+)\/([^/?#]+)\/(.*)$/.exec(uri);
  if (!match) return 'Not a repository contents URI: expected repo://{owner}/{repo}/contents{/path*} or a ref variant (resources/templates/list names them).';
  const raw = match[3];
  if (/[?#]/.test(raw)) return 'The URI must not carry a query or fragment.';
  const rawSegments = raw.split('/');
  const segments: string[] = [];
  for (const segment of [match[1], match[2], ...rawSegments]) {
    try {
      segments.push(decodeURIComponent(segment));
    } catch {
      return `The URI has a malformed percent-encoding in ${JSON.stringify(segment.slice(0, 80))}.`;
    }
  }
  const [owner, repo, ...rest] = segments;
  const restRaw = rawSegments;
  let kind: RefKind;
  let refValue: string | undefined;
  let pathStart: number;
  if (rest[0] === 'contents') [kind, pathStart] = ['default', 1];
  else if (rest[0] === 'refs' && rest[1] === 'heads' && rest[3] === 'contents') [kind, refValue, pathStart] = ['branch', rest[2], 4];
  else if (rest[0] === 'refs' && rest[1] === 'tags' && rest[3] === 'contents') [kind, refValue, pathStart] = ['tag', rest[2], 4];
  else if (rest[0] === 'sha' && rest[2] === 'contents') [kind, refValue, pathStart] = ['sha', rest[1], 3];
  else if (rest[0] === 'refs' && rest[1] === 'pull' && rest[3] === 'head' && rest[4] === 'contents') [kind, refValue, pathStart] = ['pull', rest[2], 5];
  else return 'Not a repository contents URI: after repo://{owner}/{repo}/ comes contents, refs/heads/{branch}/contents, refs/tags/{tag}/contents, sha/{sha}/contents or refs/pull/{prNumber}/head/contents.';
  // A URI names a path one way: no empty segment ("contents//etc"); one trailing "/" is fine.
  const pathSegments = restRaw.slice(pathStart);
  if (pathSegments.slice(0, pathSegments.at(-1) === '' ? -1 : undefined).some((segment) => segment === '')) {
    return 'Invalid URI: path: must be a path without empty segments ("//").';
  }
  // Each path segment as sent, and as decoded: "%2e%2e" and a decoded "a/../b" are both refused.
  const rawPath = restRaw.slice(pathStart).join('/');
  const path = rest.slice(pathStart).join('/');
  const args: Record<string, string> = { owner, repo, path, rawPath };
  if (kind === 'branch') args.branch = refValue!;
  if (kind === 'tag') args.tag = refValue!;
  if (kind === 'sha') args.sha = refValue!;
  const problems = grammarProblems({ ...args, path: rawPath }).concat(grammarProblems({ path })).filter(([name]) => name !== 'rawPath');
  if (kind === 'pull' && !/^[1-9][0-9]{0,9}$/.test(refValue!)) problems.push(['prNumber', `prNumber: must be a pull request number, not ${JSON.stringify(refValue!.slice(0, 40))}`]);
  if (problems.length > 0) return `Invalid URI: ${problems.map(([, problem]) => problem).join('; ')}.`;
  const clean = path.replace(/^\/+|\/+$/g, '');
  const ref = kind === 'branch' ? `refs/heads/${refValue}` : kind === 'tag' ? `refs/tags/${refValue}` : kind === 'sha' ? refValue : kind === 'pull' ? `refs/pull/${refValue}/head` : undefined;
  return { owner, repo, kind, ...(ref ? { ref } : {}), path: clean };
}

/** The URI of `path` in the same repository and ref as `target` (for directory entries). */
export function contentUri(target: ContentTarget, path: string): string {
  const base = `repo://${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`;
  const ref = target.ref ?? '';
  const at =
    target.kind === 'branch' ? `/refs/heads/${encodeURIComponent(ref.slice('refs/heads/'.length))}` :
    target.kind === 'tag' ? `/refs/tags/${encodeURIComponent(ref.slice('refs/tags/'.length))}` :
    target.kind === 'sha' ? `/sha/${encodeURIComponent(ref)}` :
    target.kind === 'pull' ? `/refs/pull/${ref.split('/')[2]}/head` : '';
  const tail = path === '' ? '' : `/${path.split('/').map(encodeURIComponent).join('/')}`;
  return `${base}${at}/contents${tail}`;
}
