// Errors that fit the mistake (issue 9, item 6): what the user is told, what is kept, and
// that nothing is sent when the input cannot be right.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { fixtures, octocatSession, testingApi, useSimulator } from './helpers';
import { countingProxy, kinds, messages, scriptPrompts, stopScripting } from './prompting';

// Built at run time, so no token-shaped literal is committed.
const wellFormedToken = () => `ghp_${'x9Z'.repeat(12)}`;

describe('Errors that fit the mistake', () => {
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let pemDir: string;

  before(async () => {
    await useSimulator();
    proxy = await countingProxy();
    pemDir = mkdtempSync(join(tmpdir(), 'pygithub-errors-'));
  });

  afterEach(stopScripting);

  after(async () => {
    await proxy.close();
    rmSync(pemDir, { recursive: true, force: true });
  });

  describe('a personal access token', () => {
    it('that is not shaped like a token is refused locally, with a clear message, and never sent', async () => {
      await scriptPrompts([]);
      const before = proxy.count();
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.pat.set', { token: 'my password 123', apiUrl: proxy.apiUrl }), undefined);
      assert.equal(proxy.count(), before, 'a request reached the simulator');
      const shown = await messages();
      assert.equal(shown.length, 1, JSON.stringify(shown));
      assert.equal(shown[0].level, 'error');
      assert.match(shown[0].text, /not a GitHub token/);
      assert.match(shown[0].text, /ghp_.*github_pat_/);
      assert.match(shown[0].text, /Nothing was sent to GitHub/);
      assert.ok(!shown[0].text.includes('my password 123'), 'the password is echoed');
      assert.ok(!(await testingApi()).logLines().some((line) => line.includes('my password 123')), 'the password is in the log');
    });

    it('typed into the box is refused by the box itself, and never sent', async () => {
      const asked = await scriptPrompts(['my password 123']);
      const before = proxy.count();
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.pat.set', { apiUrl: proxy.apiUrl }), undefined);
      assert.equal(proxy.count(), before, 'a request reached the simulator');
      assert.deepEqual(kinds(asked), ['input']);
      const refusals = (await testingApi()).prompts.refusals();
      assert.equal(refusals.length, 1);
      assert.match(refusals[0].validationMessage, /not a GitHub token/);
    });

    it('that GitHub refuses gets where to create one and what the enabled toolsets need', async () => {
      await scriptPrompts([]);
      const before = proxy.count();
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.pat.set', { token: wellFormedToken(), apiUrl: proxy.apiUrl }), undefined);
      assert.ok(proxy.count() > before, 'the well-formed token was not sent: the proxy counts nothing');
      const [shown] = await messages();
      assert.ok(shown, 'no message');
      assert.match(shown.text, /did not accept this token/);
      assert.ok(shown.text.includes(`${proxy.origin}/settings/tokens (classic)`), shown.text);
      assert.ok(shown.text.includes(`${proxy.origin}/settings/personal-access-tokens/new (fine-grained)`), shown.text);
      // From the tools' declared needs, embedded at build time.
      assert.match(shown.text, /a classic token needs the scopes [^;]*public_repo/);
      assert.match(shown.text, /a fine-grained token needs [^.]*issues: write/);
      assert.doesNotMatch(shown.text, /sign in again/i);
      assert.deepEqual(shown.buttons, ['Create Classic Token…', 'Create Fine-Grained Token…', 'Show Log']);
    });
  });

  describe('adding a GitHub App', () => {
    let rightKey: vscode.Uri;
    let otherKey: vscode.Uri;

    before(() => {
      const right = join(pemDir, 'sim-app.pem');
      writeFileSync(right, fixtures().app.privateKeyPem, { mode: 0o600 });
      const other = join(pemDir, 'other-app.pem');
      writeFileSync(other, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string, { mode: 0o600 });
      rightKey = vscode.Uri.file(right);
      otherKey = vscode.Uri.file(other);
    });

    it('with a wrong App ID says the ID and the key do not belong together, and re-asks the ID prefilled, keeping the key', async () => {
      const { app } = fixtures();
      const asked = await scriptPrompts(['999999', [rightKey], 'Change App ID…', (prompt: { kind: string; options?: { value?: string } }) => (prompt.options?.value === '999999' ? String(app.id) : undefined)]);
      const added = await vscode.commands.executeCommand<{ id: number } | undefined>('pygithubMcp.apps.add');
      assert.deepEqual(kinds(asked), ['input', 'open', 'message:error', 'input', 'message:info'], 'the key was asked again, or the ID not');
      const mismatch = asked[2];
      assert.ok(mismatch.kind === 'message');
      assert.match(mismatch.text, /The App ID 999999 and the private key sim-app\.pem do not belong together/);
      assert.deepEqual(mismatch.buttons, ['Change App ID…', 'Choose Another Key…']);
      assert.doesNotMatch(mismatch.text, /sign in again/i);
      assert.ok(asked[3].kind === 'input' && asked[3].options.value === '999999', 'the App ID was not prefilled');
      assert.equal(added?.id, app.id, 'the corrected ID with the kept key was not added');
    });

    it("with another App's key says so, and re-asks the key starting beside it, keeping the ID", async () => {
      const { app } = fixtures();
      const asked = await scriptPrompts([String(app.id), [otherKey], 'Choose Another Key…', [rightKey]]);
      const added = await vscode.commands.executeCommand<{ id: number } | undefined>('pygithubMcp.apps.add');
      assert.deepEqual(kinds(asked), ['input', 'open', 'message:error', 'open', 'message:info']);
      const mismatch = asked[2];
      assert.ok(mismatch.kind === 'message');
      assert.match(mismatch.text, new RegExp(`The App ID ${app.id} and the private key other-app\\.pem do not belong together`));
      assert.ok(asked[3].kind === 'open' && asked[3].options.defaultUri?.fsPath === otherKey.fsPath, 'the key dialog did not start at the rejected key');
      assert.equal(added?.id, app.id);
    });

    it('scripted with a wrong ID fails with the same words and stores nothing', async () => {
      await scriptPrompts([]);
      const before = (await testingApi()).apps().length;
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.apps.add', { appId: 999999, pem: fixtures().app.privateKeyPem, apiUrl: fixtures().apiUrl }), undefined);
      const [shown] = await messages();
      assert.match(shown?.text ?? '', /App ID 999999 and the private key do not belong together/);
      assert.equal((await testingApi()).apps().length, before);
    });
  });

  describe('signing in', () => {
    after(async () => (await testingApi()).useSessionLookup(octocatSession()));

    it('cancelled shows nothing, and leaves a log line', async () => {
      const testing = await testingApi();
      await testing.useSessionLookup(async (_provider, _scopes, mode) => {
        if (mode === 'silent') return undefined;
        throw new Error('User did not consent to login.');
      });
      await scriptPrompts([]);
      const mark = testing.logMark();
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.account.signIn'), undefined);
      assert.deepEqual(await messages(), []);
      assert.ok(testing.logLinesSince(mark).some((line) => /cancelled by the user/.test(line)), testing.logLinesSince(mark).join('\n'));
    });

    it('that really fails still says so', async () => {
      const testing = await testingApi();
      await testing.useSessionLookup(async (_provider, _scopes, mode) => {
        if (mode === 'silent') return undefined;
        throw new Error('The GitHub authentication provider is unavailable.');
      });
      await scriptPrompts([]);
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.account.signIn'), undefined);
      const shown = await messages();
      assert.equal(shown.length, 1);
      assert.match(shown[0].text, /Signing in to GitHub failed: The GitHub authentication provider is unavailable/);
    });
  });

  describe('a network failure', () => {
    it('names the settings to check, and the log calls a refused connection a refused connection', async () => {
      // A port that was just free: nothing listens there.
      const probe = http.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));

      const testing = await testingApi();
      await scriptPrompts([]);
      const mark = testing.logMark();
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.pat.set', { token: wellFormedToken(), apiUrl: `http://127.0.0.1:${port}/api/v3` }), undefined);
      const [shown] = await messages();
      assert.ok(shown, 'no message');
      assert.match(shown.text, /connection was refused \(ECONNREFUSED\)/);
      assert.match(shown.text, /pygithubMcp\.apiUrl/);
      assert.match(shown.text, /pygithubMcp\.verify/);
      assert.doesNotMatch(shown.text, /GITHUB_API_URL|GITHUB_VERIFY/);
      const log = testing.logLinesSince(mark);
      assert.ok(log.some((line) => /ECONNREFUSED/.test(line)), log.join('\n'));
      assert.ok(!log.some((line) => /\(500\)|status 500/.test(line)), `the log calls it a 500:\n${log.join('\n')}`);
    });
  });
});
