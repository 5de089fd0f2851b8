import type { RateLimit } from '../github/rateLimits';

export interface StatusFacts {
  identities: number;
  running: number;
  readOnly: boolean;
  lowest?: RateLimit;
  /** Work under way (a restart), shown instead of the counts. */
  busy?: string;
}

/** The status bar item's text: identities, servers running, read-only, the lowest rate limit. */
export function statusText(facts: StatusFacts, time: (epochSeconds: number) => string = clockTime): string {
  if (facts.busy) return `$(sync~spin) ${facts.busy}`;
  if (facts.identities === 0) return '$(github) No GitHub account';
  return [
    `$(github) ${facts.identities} ${facts.identities === 1 ? 'account' : 'accounts'}`,
    facts.running > 0 ? `${facts.running} running` : '',
    facts.readOnly ? '$(lock) read-only' : '',
    facts.lowest ? `${facts.lowest.remaining}/${facts.lowest.limit} until ${time(facts.lowest.reset)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Local HH:MM of an epoch-seconds time. */
export function clockTime(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
