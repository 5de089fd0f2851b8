import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * PyGithub's Auth.NetrcAuth: login and password for the base URL's host from a netrc file.
 * The format is a dozen lines to parse; the npm netrc parsers are unmaintained or pull in
 * process spawning for GPG, so we read it ourselves.
 */
export interface NetrcEntry {
  login: string;
  password: string;
}

export function defaultNetrcPath(): string {
  return join(homedir(), process.platform === 'win32' ? '_netrc' : '.netrc');
}

export function parseNetrc(text: string): Map<string, NetrcEntry> {
  const tokens = text.replace(/^\s*#.*$/gm, '').split(/\s+/).filter(Boolean);
  const machines = new Map<string, NetrcEntry>();
  let current: { name: string; login?: string; password?: string } | undefined;
  const flush = () => {
    if (current?.login !== undefined && current.password !== undefined) {
      if (!machines.has(current.name)) machines.set(current.name, { login: current.login, password: current.password });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === 'machine' || token === 'default') {
      flush();
      current = { name: token === 'default' ? '' : (tokens[++i] ?? '') };
    } else if (current && (token === 'login' || token === 'password' || token === 'account')) {
      const value = tokens[++i];
      if (token === 'login') current.login = value;
      if (token === 'password') current.password = value;
    } else if (token === 'macdef') {
      // A macro runs to the next blank line, which the token split has lost; macros never hold credentials we need.
      flush();
      current = undefined;
    }
  }
  flush();
  return machines;
}

/** The entry for `host`, else the `default` entry, else an error that names the host and the file. */
export function netrcEntryFor(host: string, file: string): NetrcEntry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read netrc file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const machines = parseNetrc(text);
  const entry = machines.get(host) ?? machines.get('');
  if (!entry) throw new Error(`no netrc entry for host ${host} in ${file}`);
  return entry;
}
