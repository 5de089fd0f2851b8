import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAppLevelPath } from '../../../src/core/client/octokit';

describe('isAppLevelPath', () => {
  for (const path of [
    '/app',
    '/app/installations',
    '/app/installations/123',
    '/app/installations/123/access_tokens',
    '/app/installations/{installation_id}/access_tokens',
    '/app/hook/config',
    '/repos/octo/hello/installation',
    '/repos/{owner}/{repo}/installation',
    '/orgs/octo-org/installation',
    '/orgs/{org}/installation',
    '/users/octocat/installation',
    '/users/{username}/installation',
    '/marketplace_listing/plans',
    '/app/installations?per_page=100',
  ]) {
    it(`takes the App JWT for ${path}`, () => {
      assert.equal(isAppLevelPath(path), true);
    });
  }

  for (const path of [
    '/repos/octo/hello/issues',
    '/repos/{owner}/{repo}/issues',
    '/installation/repositories',
    '/user',
    '/user/installations',
    '/application',
    '/apps/my-app',
    '/repos/octo/hello/installation/extra',
    '/orgs/octo-org/installations',
    '/orgs/octo-org/repos',
    '/repos/octo/installation',
    '/',
    '',
  ]) {
    it(`takes the installation or user credential for ${JSON.stringify(path)}`, () => {
      assert.equal(isAppLevelPath(path), false);
    });
  }
});
