// The extension loads and activates inside a real VS Code, and the runner's environment reaches it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIXTURES_ENV, SIM_API_URL_ENV, readFixtures } from '../runner/fixtures';

const EXTENSION_ID = 'pygithub-mcp.pygithub-mcp-server';

describe('activation', () => {
  it(`finds the extension ${EXTENSION_ID}`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed; installed: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
  });

  it('activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('receives the fixtures from the runner through the environment', () => {
    assert.ok(process.env[FIXTURES_ENV], `${FIXTURES_ENV} is not set: the runner's environment did not reach the extension host`);
    const fixtures = readFixtures();
    assert.ok(fixtures);
    assert.match(fixtures.apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    assert.equal(process.env[SIM_API_URL_ENV], fixtures.apiUrl);
  });
});
