/**
 * One redactor for every log line, error message and tool result text.
 * Patterns catch credentials we never held (a token pasted into an issue body and echoed
 * back); the registry catches the exact values we do hold, such as Basic passwords,
 * which have no recognisable shape.
 */
const REDACTED = '[redacted]';

const PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9_]{16,}/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
  // In a header line, whatever follows the scheme is the credential.
  [/\b(authorization:\s*(?:bearer|basic|token)\s+)[^\s"',]+/gi, `$1${REDACTED}`],
  // Keep the scheme word so the text still says what kind of credential it was. A credential
  // has a digit somewhere in 16+ characters; "Basic authentication" and "token provided" do not.
  [/\b(Bearer|Basic|token)\s+(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{16,}/gi, `$1 ${REDACTED}`],
  // Form fields, query strings and config lines: password=x, "password": "x", password: 'x'.
  [/\b(client_secret|refresh_token|access_token|password)("?\s*[=:]\s*["']?)[^&\s"',}]+/gi, `$1$2${REDACTED}`],
];

/** Configured credentials: few, shapeless (a password), kept for the life of the process. */
const configuredSecrets = new Set<string>();
/** Minted tokens: a long-lived host makes many; the oldest are forgotten (their gh*_ shape is still caught). */
const mintedSecrets = new Set<string>();
const MAX_MINTED_SECRETS = 500;

/** Remember an exact secret value so it is masked wherever it appears. */
export function registerSecret(value: string, shortLived = false): void {
  // Very short values would mask ordinary words; no credential we hold is that short.
  if (value.length < 6) return;
  if (!shortLived) {
    configuredSecrets.add(value);
    return;
  }
  mintedSecrets.delete(value);
  mintedSecrets.add(value);
  if (mintedSecrets.size > MAX_MINTED_SECRETS) mintedSecrets.delete(mintedSecrets.values().next().value as string);
}

/** Every pattern needs one of these; one test lets the many strings of a result that hold none skip the rest. */
const MIGHT_MATCH = /-----BEGIN|gh[pousr]_|github_pat_|eyJ|authorization|bearer|basic|token|password|client_secret/i;

export function redact(text: string): string {
  let out = text;
  for (const secrets of [configuredSecrets, mintedSecrets]) {
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  if (!MIGHT_MATCH.test(out)) return out;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
