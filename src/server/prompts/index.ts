import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { GetPromptRequestSchema, ListPromptsRequestSchema, McpError, type GetPromptResult, type Prompt } from '@modelcontextprotocol/sdk/types.js';
import { argumentProblem, quote } from '../tools/grammar';

/*
 * Prompts for the jobs agents are most often asked to do here, each naming the tools it
 * expects by their real names. Arguments pass the tool argument grammar (they are echoed into
 * the prompt and then into tool calls); number arguments must be numbers.
 */

const INVALID_PARAMS = -32602;

interface PromptArgument {
  name: string;
  description: string;
  required?: boolean;
}

interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
  tools: string[];
  render(args: Record<string, string | undefined>): string;
}

const owner: PromptArgument = { name: 'owner', description: 'Repository owner', required: true };
const repo: PromptArgument = { name: 'repo', description: 'Repository name', required: true };
const NUMBER_ARGUMENTS = new Set(['pullNumber', 'runId']);

export const PROMPTS: readonly PromptDefinition[] = [
  {
    name: 'triage_issues',
    title: 'Triage new issues',
    description: 'Triage the open issues nobody has labelled or answered yet: duplicates, labels, type, assignee, a reply.',
    arguments: [owner, repo, { name: 'label', description: 'Only issues with this label (e.g. "needs-triage")' }],
    tools: ['list_issues', 'get_issue', 'list_issue_comments', 'search_issues', 'list_issue_types', 'get_label', 'update_issue', 'add_issue_comment'],
    render: ({ owner, repo, label }) => [
      `Triage the new issues of ${owner}/${repo}.`,
      `1. list_issues (state OPEN, newest first${label ? `, labels ["${label}"]` : ''}); pick the ones with no labels, no assignee and no maintainer reply.`,
      '2. For each: get_issue and list_issue_comments; search_issues in the same repository for duplicates.',
      '3. Propose per issue: labels (check a label exists with get_label), issue type (list_issue_types), an assignee, and a short reply asking for what is missing, or the duplicate to close it as.',
      '4. Show the whole proposal first. Only after the user agrees apply it with update_issue and add_issue_comment.',
    ].join('\n'),
  },
  {
    name: 'review_pull_request',
    title: 'Review a pull request',
    description: 'Review a pull request: what it changes, its checks, problems with line comments, and a verdict.',
    arguments: [owner, repo, { name: 'pullNumber', description: 'Pull request number', required: true }],
    tools: ['get_pull_request', 'get_pull_request_files', 'get_pull_request_diff', 'get_pull_request_status', 'get_pull_request_reviews', 'get_pull_request_review_comments', 'get_file_contents', 'create_pull_request_review', 'submit_pending_pull_request_review'],
    render: ({ owner, repo, pullNumber }) => [
      `Review pull request #${pullNumber} of ${owner}/${repo}.`,
      '1. get_pull_request for its purpose and base; get_pull_request_status for its checks; get_pull_request_reviews and get_pull_request_review_comments for what reviewers already said.',
      '2. get_pull_request_files, then get_pull_request_diff in windows; read surrounding code with get_file_contents at the head ref where the diff is not enough.',
      '3. Look for bugs, missing tests, security problems and unclear names; skip style a linter would catch.',
      '4. Summarise for the user: what it does, the problems by file and line, and a verdict (approve, comment, request changes).',
      '5. Only when asked to post it: create_pull_request_review with the line comments as a pending review, then submit_pending_pull_request_review with the verdict.',
    ].join('\n'),
  },
  {
    name: 'fix_workflow_run',
    title: 'Fix a failing workflow run',
    description: 'Find why a GitHub Actions run failed and propose (or push) a fix on a branch with a pull request.',
    arguments: [owner, repo, { name: 'runId', description: 'Workflow run id; default: the latest failed run' }, { name: 'branch', description: 'Branch whose runs to look at when runId is not given' }],
    tools: ['list_workflow_runs', 'get_workflow_run', 'list_workflow_jobs', 'get_job_logs', 'get_file_contents', 'get_commit', 'create_branch', 'push_files', 'create_pull_request'],
    render: ({ owner, repo, runId, branch }) => [
      runId ? `Fix workflow run ${runId} of ${owner}/${repo}.` : `Fix the latest failed workflow run of ${owner}/${repo}${branch ? ` on branch ${branch}` : ''}.`,
      runId ? '1. get_workflow_run for its workflow, branch and head sha.' : `1. list_workflow_runs (status failure${branch ? `, branch ${branch}` : ''}) and take the newest; get_workflow_run for its workflow and head sha.`,
      '2. list_workflow_jobs for the failed jobs and steps; get_job_logs of the failed jobs only, read from the end.',
      '3. Find the cause in the code: get_file_contents at the run\'s head sha (the workflow file under .github/workflows/ too); get_commit for what the head commit changed.',
      '4. Tell the user the cause and the fix. Only when asked to push: create_branch from the run\'s branch, push_files with the fix, create_pull_request that links the run.',
    ].join('\n'),
  },
  {
    name: 'draft_release_notes',
    title: 'Draft release notes',
    description: 'Draft release notes for what was merged since the last tag (or a given one).',
    arguments: [owner, repo, { name: 'since', description: 'Tag to start from; default: the newest tag' }, { name: 'head', description: 'Branch or sha to end at; default: the default branch' }],
    tools: ['list_tags', 'get_latest_release', 'get_repository', 'compare_commits', 'search_pull_requests', 'get_pull_request'],
    render: ({ owner, repo, since, head }) => [
      `Draft release notes for ${owner}/${repo} from ${since ? `tag ${since}` : 'the newest tag'} to ${head ?? 'the default branch'}.`,
      since ? '' : '1. list_tags (newest first) for the last tag; get_latest_release shows how the previous notes were written.',
      `2. compare_commits base ${since ?? '<that tag>'} head ${head ?? '<the default branch from get_repository>'} (page through the commits).`,
      `3. search_pull_requests "repo:${owner}/${repo} is:pr is:merged" with merged:>= the tag's date for the pull requests behind those commits; get_pull_request where the title is not enough.`,
      '4. Write Markdown: Highlights, then Features, Fixes, Breaking changes (with migration notes) and Other, each line linking its pull request and naming its author; thank first-time contributors.',
      '5. Return the draft to the user; do not publish anything.',
    ].filter((line) => line !== '').join('\n'),
  },
];

const byName = new Map(PROMPTS.map((prompt) => [prompt.name, prompt]));

/** Whether a prompt takes the argument, for completion/complete. */
export function promptTakes(name: string, argument: string): boolean {
  return byName.get(name)?.arguments.some((candidate) => candidate.name === argument) ?? false;
}

/** The arguments checked, or the problem: a missing required one, a malformed one, an unknown one. */
function checked(prompt: PromptDefinition, given: Record<string, string> | undefined): Record<string, string | undefined> | string {
  const args = given ?? {};
  const known = new Set(prompt.arguments.map((argument) => argument.name));
  const unknown = Object.keys(args).filter((key) => !known.has(key));
  if (unknown.length > 0) return `unknown argument ${quote(unknown[0])}; ${prompt.name} takes ${[...known].join(', ')}`;
  for (const argument of prompt.arguments) {
    const value = args[argument.name];
    if (value === undefined || value === '') {
      if (argument.required) return `${argument.name} is required`;
      continue;
    }
    if (NUMBER_ARGUMENTS.has(argument.name) && !/^[1-9][0-9]{0,15}$/.test(value)) return `${argument.name}: must be a number, not ${quote(value)}`;
    // since and head name refs; label is free text but capped and on one line.
    const rule = argument.name === 'since' ? 'ref' : argument.name === 'head' ? 'ref' : argument.name;
    const problem = argumentProblem(rule, value) ?? (value.length > 200 || /[\r\n]/.test(value) ? 'must be one line of at most 200 characters' : undefined);
    if (problem) return `${argument.name}: ${problem}, not ${quote(value)}`;
  }
  return Object.fromEntries(prompt.arguments.map((argument) => [argument.name, args[argument.name] || undefined]));
}

/** prompts/list and prompts/get; `offered` are the tools this server lists, so a prompt can say which it lacks. */
export function registerPrompts(server: Server, offered: ReadonlySet<string>): void {
  const listed: { prompts: Prompt[] } = {
    prompts: PROMPTS.map(({ name, title, description, arguments: args }) => ({ name, title, description, arguments: args.map((a) => ({ ...a, required: a.required ?? false })) })),
  };
  server.setRequestHandler(ListPromptsRequestSchema, () => listed);
  server.setRequestHandler(GetPromptRequestSchema, (request): GetPromptResult => {
    const prompt = byName.get(request.params.name);
    if (!prompt) throw new McpError(INVALID_PARAMS, `Unknown prompt ${quote(request.params.name)}; prompts/list names the prompts.`);
    const args = checked(prompt, request.params.arguments);
    if (typeof args === 'string') throw new McpError(INVALID_PARAMS, `Invalid arguments for ${prompt.name}: ${args}`);
    const missing = prompt.tools.filter((tool) => !offered.has(tool));
    const tools = `Tools: ${prompt.tools.join(', ')}.${missing.length > 0 ? ` This server does not offer ${missing.join(', ')}; enable their toolsets (GITHUB_TOOLSETS) or do without.` : ''}`;
    return { description: prompt.description, messages: [{ role: 'user', content: { type: 'text', text: `${prompt.render(args)}\n\n${tools}` } }] };
  });
}
