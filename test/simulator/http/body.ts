import { HttpError } from './errors';

// API bodies are JSON (GitHub answers 400 "Problems parsing JSON" otherwise);
// the OAuth web endpoints also take form-encoded bodies.

export function parseBody(raw: Buffer, contentType: string | undefined, isApi: boolean): unknown {
  if (raw.length === 0) return isApi ? undefined : {};
  const text = raw.toString('utf8');
  if (!isApi && /application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!isApi) return Object.fromEntries(new URLSearchParams(text));
    throw new HttpError(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest', status: '400' });
  }
}
