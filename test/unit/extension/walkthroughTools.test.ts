import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pyGithubTools } from '../../../src/extension/walkthrough/tools';

const named = (...names: string[]) => names.map((name) => ({ name }));

describe('pyGithubTools', () => {
  it('counts the tools of each server that offers auth_status, and nothing else', () => {
    const tools = named('mcp_pygithub-mcp-_auth_status', 'mcp_pygithub-mcp-_get_me', 'mcp_pygithub-mcp2_auth_status', 'mcp_pygithub-mcp2_list_issues', 'mcp_other_get_me', 'copilot_readFile');
    assert.deepEqual(pyGithubTools(tools), { tools: 4, servers: ['mcp_pygithub-mcp-_', 'mcp_pygithub-mcp2_'] });
  });

  it('finds none without a PyGithub server, even beside another GitHub server', () => {
    assert.deepEqual(pyGithubTools(named('mcp_github_get_me', 'mcp_github_list_issues', 'auth_status')), { tools: 0, servers: [] });
  });
});
