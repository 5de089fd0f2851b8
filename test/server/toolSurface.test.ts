import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { loadServerConfig } from '../../src/server/config';
import { buildCatalog } from '../../src/server/tools/catalog';
import { selectTools } from '../../src/server/tools/registry';
import { generateAppKey } from '../support/keys';
import { startServer, type ServerHandle } from '../support/serverHarness';

const SNAPSHOT = join(__dirname, '__snapshots__', 'tools.json');

describe('tools/list surface', () => {
  let server: ServerHandle;
  let tools: Tool[];
  const key = generateAppKey();

  before(async () => {
    // No network: lazy startup, and tools/list never calls GitHub.
    server = await startServer({
      label: 'tool surface',
      env: { GITHUB_API_URL: 'http://127.0.0.1:1/api/v3', GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY: key.pkcs1, GITHUB_TOOLSETS: 'all' },
      secrets: () => [key.pkcs1],
    });
    tools = (await server.client.listTools()).tools;
  });
  after(() => server.close());

  it('matches the reviewed snapshot (UPDATE_SNAPSHOTS=1 rewrites it)', () => {
    const surface = JSON.stringify(tools, null, 2) + '\n';
    if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(SNAPSHOT, surface);
    assert.ok(existsSync(SNAPSHOT), 'no snapshot yet: run with UPDATE_SNAPSHOTS=1 and review it');
    assert.equal(surface, readFileSync(SNAPSHOT, 'utf8'), 'the tool surface changed: review it and run with UPDATE_SNAPSHOTS=1');
  });

  it("serves the catalog embedded at build time, which is what the tool definitions say", () => {
    const config = loadServerConfig({ GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY: key.pkcs1, GITHUB_TOOLSETS: 'all' });
    assert.deepEqual(tools, selectTools(config, true, buildCatalog()).map((entry) => entry.tool), 'dist/ is stale: npm run build');
  });

  it('gives every tool readOnlyHint, a title, a description and an object input schema', () => {
    for (const tool of tools) {
      assert.equal(typeof tool.annotations?.readOnlyHint, 'boolean', `${tool.name} lacks readOnlyHint`);
      assert.ok(tool.title && tool.description && tool.description.length > 20, `${tool.name} needs a title and a real description`);
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.match(tool.name, /^[a-z]+(_[a-z]+)*$/, `${tool.name} is not snake_case`);
    }
  });

  it('marks write tools as not read-only and gives them destructiveHint', () => {
    const writes = tools.filter((t) => t.annotations?.readOnlyHint === false);
    assert.ok(writes.length >= 8, `expected the write tools, found ${writes.map((t) => t.name)}`);
    for (const tool of writes) assert.equal(typeof tool.annotations?.destructiveHint, 'boolean', `${tool.name} lacks destructiveHint`);
  });

  it('includes every GithubIntegration operation and the core toolsets', () => {
    const names = new Set(tools.map((t) => t.name));
    const expected = [
      'get_app', 'list_installations', 'get_installation', 'list_installation_repositories', 'create_installation_token', 'create_jwt',
      'get_me', 'auth_status', 'get_rate_limit',
      'get_repository', 'search_repositories', 'get_file_contents', 'list_branches', 'list_commits', 'get_commit', 'create_or_update_file', 'create_branch',
      'list_issues', 'get_issue', 'search_issues', 'create_issue', 'update_issue', 'add_issue_comment', 'list_issue_comments',
      'list_pull_requests', 'get_pull_request', 'get_pull_request_files', 'get_pull_request_diff', 'create_pull_request', 'merge_pull_request',
      'search_users', 'github_request',
    ];
    assert.deepEqual(expected.filter((n) => !names.has(n)), []);
  });

  it('returns structured output schemas for tools that return data', () => {
    const withoutOutput = tools.filter((t) => !t.outputSchema).map((t) => t.name);
    assert.deepEqual(withoutOutput, ['get_pull_request_diff']);
  });
});
