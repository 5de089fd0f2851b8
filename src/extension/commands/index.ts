import type { Register } from './deps';
import { register as addAccount } from './addAccount';
import { register as addApp } from './addApp';
import { register as checkAuthentication } from './checkAuthentication';
import { register as checkTools } from './checkTools';
import { register as clearCredentials } from './clearCredentials';
import { register as configureToolsets } from './configureToolsets';
import { register as copyAppJwt } from './copyAppJwt';
import { register as copyInstallationId } from './copyInstallationId';
import { register as createInstallationToken } from './createInstallationToken';
import { register as listApps } from './listApps';
import { register as loadMore } from './loadMore';
import { register as openOnGitHub } from './openOnGitHub';
import { register as refreshInstallations } from './refreshInstallations';
import { register as refreshRateLimits } from './refreshRateLimits';
import { register as removeApp } from './removeApp';
import { register as restartServer } from './restartServer';
import { register as restartServers } from './restartServers';
import { register as retry } from './retry';
import { register as setLogin } from './setLogin';
import { register as setPat } from './setPat';
import { register as showInstallations } from './showInstallations';
import { register as showLog } from './showLog';
import { register as showStatus } from './showStatus';
import { register as signIn } from './signIn';
import { register as signInAsAppUser } from './signInAsAppUser';
import { register as toggleReadOnly } from './toggleReadOnly';
import { register as useNetrc } from './useNetrc';

/** Every command; package.json's contributes.commands must list the same ids (a test checks). */
export const COMMANDS: Register[] = [
  signIn,
  clearCredentials,
  addApp,
  removeApp,
  listApps,
  copyAppJwt,
  showInstallations,
  refreshInstallations,
  createInstallationToken,
  openOnGitHub,
  copyInstallationId,
  loadMore,
  retry,
  configureToolsets,
  toggleReadOnly,
  showLog,
  restartServers,
  checkAuthentication,
  checkTools,
  setPat,
  setLogin,
  useNetrc,
  signInAsAppUser,
  addAccount,
  restartServer,
  showStatus,
  refreshRateLimits,
];
