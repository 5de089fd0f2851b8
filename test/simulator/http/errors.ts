// GitHub's error bodies: `{ message, documentation_url, status }`, plus
// `errors` for validation failures. Handlers throw these; the server renders them.

export const DOCS_URL = 'https://docs.github.com/rest';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> | string,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : String(body.message));
  }
}

export function ghError(status: number, message: string, documentationUrl = DOCS_URL, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, { message, documentation_url: documentationUrl, status: String(status) }, headers);
}

export const notFound = (): HttpError => ghError(404, 'Not Found');
export const badCredentials = (): HttpError => ghError(401, 'Bad credentials');
export const requiresAuthentication = (): HttpError => ghError(401, 'Requires authentication');
export const notAccessibleByIntegration = (): HttpError => ghError(403, 'Resource not accessible by integration');

export type FieldError = { resource: string; code: string; field?: string; message?: string; value?: unknown };

export function validationFailed(errors: FieldError[], message = 'Validation Failed'): HttpError {
  return new HttpError(422, { message, errors, documentation_url: DOCS_URL, status: '422' });
}

export function missingField(resource: string, field: string): HttpError {
  return validationFailed([{ resource, code: 'missing_field', field }]);
}
