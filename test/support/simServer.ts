import { startSimulator, type Simulator } from '../simulator';
import { startServer, type ServerHandle } from './serverHarness';

/** A server pointed at the simulator, whose secrets the leak check will look for. */
export function serverFor(sim: Simulator, label: string, env: Record<string, string>, args?: string[]): Promise<ServerHandle> {
  return startServer({ label, env: { GITHUB_API_URL: sim.apiUrl, ...env }, args, secrets: () => sim.secrets() });
}

/** The environment for Auth.AppUserAuth from a token pair the simulator issued. */
export function appUserEnv(app: { clientId: string; clientSecret: string }, pair: { token: string; expiresAt: string; refreshToken: string; refreshTokenExpiresAt: string }) {
  return {
    GITHUB_APP_CLIENT_ID: app.clientId,
    GITHUB_APP_CLIENT_SECRET: app.clientSecret,
    GITHUB_APP_USER_TOKEN: pair.token,
    GITHUB_APP_USER_TOKEN_EXPIRES_AT: pair.expiresAt,
    GITHUB_APP_USER_REFRESH_TOKEN: pair.refreshToken,
    GITHUB_APP_USER_REFRESH_TOKEN_EXPIRES_AT: pair.refreshTokenExpiresAt,
  };
}

export function appEnv(sim: Simulator, extra: Record<string, string> = {}): Record<string, string> {
  const app = sim.fixtures.apps[0];
  return { GITHUB_APP_ID: String(app.id), GITHUB_APP_PRIVATE_KEY: app.privateKeyPkcs1Pem, ...extra };
}

export { startSimulator, type Simulator, type ServerHandle };

/** Runs `use` against a fresh server and always closes it, so its output reaches the leak log. */
export async function withServer<T>(sim: Simulator, label: string, env: Record<string, string>, use: (server: ServerHandle) => Promise<T>, args?: string[]): Promise<T> {
  const server = await serverFor(sim, label, env, args);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}
