import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needlesFor, readRecords } from '../support/leakLog';

/* Runs last (files run in sorted order): everything every server said during the suite. */
describe('no secret ever leaks', () => {
  const records = readRecords();

  it('saw the whole server suite', () => {
    assert.ok(records.length >= 20, `only ${records.length} server runs were recorded; is PYGITHUB_LEAK_LOG shared?`);
    assert.ok(records.some((r) => r.secrets.length > 10), 'no run recorded the simulator secrets');
  });

  it('finds no issued token, refresh token, password, client secret or key in stderr or stdout', () => {
    const leaks: string[] = [];
    for (const record of records) {
      const stdout = record.stdout.join('\n');
      for (const secret of record.secrets) {
        for (const needle of needlesFor(secret)) {
          if (record.stderr.includes(needle)) leaks.push(`${record.label}: stderr contains ${needle.slice(0, 8)}…`);
          if (!record.exposureOptIn && stdout.includes(needle)) leaks.push(`${record.label}: stdout contains ${needle.slice(0, 8)}…`);
        }
      }
    }
    assert.deepEqual(leaks, []);
  });

  it('finds nothing token-shaped on stderr at all', () => {
    const shaped = /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;
    const offenders = records.filter((r) => shaped.test(r.stderr)).map((r) => r.label);
    assert.deepEqual(offenders, []);
  });

  it('finds only JSON-RPC on stdout', () => {
    const offenders: string[] = [];
    for (const record of records) {
      for (const line of record.stdout) {
        let message: { jsonrpc?: string } | undefined;
        try {
          message = JSON.parse(line) as { jsonrpc?: string };
        } catch {
          message = undefined;
        }
        if (message?.jsonrpc !== '2.0') offenders.push(`${record.label}: ${line.slice(0, 80)}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
