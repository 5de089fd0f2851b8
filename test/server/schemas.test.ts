import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { strictAjv } from '../support/conformance';
import { generateAppKey } from '../support/keys';
import { startServer, type ServerHandle } from '../support/serverHarness';

/*
 * Every schema tools/list serves must compile under ajv's strict mode, draft 2020-12 (MCP's default
 * dialect when a schema names none), with ajv-formats: a client stricter than the SDK's own (which
 * runs ajv with strict: false) would otherwise refuse the tool. The surface is the full one: every
 * toolset, and App auth so that the apps toolset is there too.
 */
describe('tools/list schemas compile under ajv strict mode (draft 2020-12, ajv-formats)', () => {
  let server: ServerHandle;
  let tools: Tool[];
  const key = generateAppKey();

  before(async () => {
    // No network: lazy startup, and tools/list never calls GitHub.
    server = await startServer({
      label: 'schemas strict',
      env: { GITHUB_API_URL: 'http://127.0.0.1:1/api/v3', GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY: key.pkcs1, GITHUB_TOOLSETS: 'all' },
      secrets: () => [key.pkcs1],
    });
    tools = server.tools;
  });
  after(() => server.close());

  it('lists the full surface, apps and requests included', () => {
    const names = new Set(tools.map((t) => t.name));
    for (const name of ['get_app', 'create_installation_token', 'github_request', 'get_repository', 'create_issue', 'merge_pull_request', 'search_users']) {
      assert.ok(names.has(name), `${name} missing from tools/list`);
    }
    assert.ok(tools.length >= 30, `only ${tools.length} tools listed`);
  });

  function compileAll(kind: 'inputSchema' | 'outputSchema'): string[] {
    const failures: string[] = [];
    for (const tool of tools) {
      const schema = tool[kind];
      if (!schema) continue;
      // A fresh ajv per schema: a failure in one cannot mask or cause another (shared $ids, caching).
      try {
        strictAjv().compile(schema);
      } catch (error) {
        failures.push(`${tool.name}.${kind}: ${(error as Error).message}`);
      }
      if ('$schema' in schema && schema.$schema !== 'https://json-schema.org/draft/2020-12/schema') {
        failures.push(`${tool.name}.${kind}: declares $schema ${String(schema.$schema)}, not draft 2020-12`);
      }
    }
    return failures;
  }

  it('every input schema compiles', () => {
    assert.deepEqual(compileAll('inputSchema'), []);
  });

  it('every output schema compiles', () => {
    assert.deepEqual(compileAll('outputSchema'), []);
  });

  it('every schema is an object schema, as MCP requires', () => {
    const offenders = tools.flatMap((tool) =>
      (['inputSchema', 'outputSchema'] as const).filter((kind) => tool[kind] && tool[kind]!.type !== 'object').map((kind) => `${tool.name}.${kind}`),
    );
    assert.deepEqual(offenders, []);
  });
});
