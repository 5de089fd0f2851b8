import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import reference from './github-mcp-server-context.json';

/*
 * What the model reads of each tool (name, description, input schema), ours against
 * github-mcp-server's same tool. Its sizes are measured from its tool snapshots (see the
 * JSON's `source`). Where it merged single-purpose tools into one with a `method` argument,
 * the merged tool is compared with the sum of ours that do its jobs.
 */
const MERGED: Record<string, readonly string[]> = {
  issue_read: ['get_issue', 'list_issue_comments', 'list_sub_issues'],
  issue_write: ['create_issue', 'update_issue'],
  pull_request_read: [
    'get_pull_request',
    'get_pull_request_diff',
    'get_pull_request_status',
    'get_pull_request_files',
    'get_pull_request_commits',
    'get_pull_request_review_comments',
    'get_pull_request_reviews',
  ],
  pull_request_review_write: ['create_pull_request_review', 'submit_pending_pull_request_review', 'delete_pending_pull_request_review'],
};

export const modelBytes = (tool: Pick<Tool, 'name' | 'description' | 'inputSchema'>) =>
  Buffer.byteLength(JSON.stringify({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema }));

export interface ContextComparison {
  compared: number;
  ours: number;
  theirs: number;
  worst: Array<{ tool: string; ratio: number }>;
  perToolMean: number;
}

export function compareContext(tools: readonly Tool[]): ContextComparison {
  const ours = new Map(tools.map((tool) => [tool.name, modelBytes(tool)]));
  const theirs = reference.tools as Record<string, number>;
  const pairs: Array<{ tool: string; ours: number; theirs: number }> = [];
  for (const [name, bytes] of Object.entries(theirs)) {
    const counterpart = MERGED[name] ?? [name];
    if (!counterpart.every((tool) => ours.has(tool))) continue;
    pairs.push({ tool: name, ours: counterpart.reduce((sum, tool) => sum + ours.get(tool)!, 0), theirs: bytes });
  }
  const sum = (key: 'ours' | 'theirs') => pairs.reduce((total, pair) => total + pair[key], 0);
  return {
    compared: pairs.length,
    ours: sum('ours'),
    theirs: sum('theirs'),
    worst: pairs.map((pair) => ({ tool: pair.tool, ratio: pair.ours / pair.theirs })).sort((a, b) => b.ratio - a.ratio).slice(0, 5),
    perToolMean: [...ours.values()].reduce((a, b) => a + b, 0) / Math.max(1, ours.size),
  };
}
