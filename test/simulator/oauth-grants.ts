import type { Clock } from './clock';
import { randomBase62, randomHex } from './random';
import type { TokenStore } from './tokens';

// Pending OAuth grants: web-flow authorization codes and device-flow codes.
// Codes are secrets too, so they are registered with the token store.

export interface AuthorizationCode {
  code: string;
  login: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  interval: number;
  approvedLogin: string | null;
  lastPollAt: number | null;
  redeemed: boolean;
}

const CODE_LIFETIME_MS = 10 * 60_000;
const DEVICE_LIFETIME_MS = 15 * 60_000;

export class OAuthGrants {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly devices = new Map<string, DeviceGrant>();

  constructor(
    private readonly clock: Clock,
    private readonly tokens: TokenStore,
  ) {}

  createCode(login: string, clientId: string, scopes: string[] = []): string {
    const code = this.tokens.remember(randomHex(10));
    this.codes.set(code, { code, login, clientId, scopes, expiresAt: this.clock.now() + CODE_LIFETIME_MS, used: false });
    return code;
  }

  /** Codes are single-use and short-lived, as on GitHub. */
  redeemCode(code: string, clientId: string): AuthorizationCode | undefined {
    const grant = this.codes.get(code);
    if (!grant || grant.used || grant.clientId !== clientId || grant.expiresAt <= this.clock.now()) return undefined;
    grant.used = true;
    return grant;
  }

  createDevice(clientId: string, scopes: string[]): DeviceGrant {
    const userCode = `${randomBase62(4)}-${randomBase62(4)}`.toUpperCase().replace(/[^A-Z0-9-]/g, 'X');
    const grant: DeviceGrant = {
      deviceCode: this.tokens.remember(randomHex(20)),
      userCode,
      clientId,
      scopes,
      expiresAt: this.clock.now() + DEVICE_LIFETIME_MS,
      interval: 5,
      approvedLogin: null,
      lastPollAt: null,
      redeemed: false,
    };
    this.devices.set(grant.deviceCode, grant);
    return grant;
  }

  device(deviceCode: string): DeviceGrant | undefined {
    return this.devices.get(deviceCode);
  }

  approve(userCode: string, login: string): boolean {
    const normalized = userCode.trim().toUpperCase();
    for (const grant of this.devices.values()) {
      if (grant.userCode === normalized && !grant.redeemed && grant.expiresAt > this.clock.now()) {
        grant.approvedLogin = login;
        return true;
      }
    }
    return false;
  }
}
