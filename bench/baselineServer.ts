import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

/* The benchmark's baseline: the barest SDK server doing the same GET with fetch and returning GitHub's JSON as is. */
const server = new McpServer({ name: 'baseline', version: '1.0.0' });
server.registerTool(
  'list_issues',
  { description: 'List issues', inputSchema: { owner: z.string(), repo: z.string(), perPage: z.number().optional() } },
  async ({ owner, repo, perPage }) => {
    const response = await fetch(`${process.env.GITHUB_API_URL}/repos/${owner}/${repo}/issues?per_page=${perPage ?? 30}`, {
      headers: { authorization: `token ${process.env.GITHUB_TOKEN}`, accept: 'application/vnd.github+json' },
    });
    return { content: [{ type: 'text', text: await response.text() }] };
  },
);
void server.connect(new StdioServerTransport());
process.stdin.on('end', () => process.exit(0));
