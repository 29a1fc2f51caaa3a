import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIXTURE,
  FixtureError,
  loadFixtureFile,
  parseFixture,
  startMockServer,
} from '../src/index.js';
import { basic, http } from './helpers.js';

const fixturePath = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

describe('fixtures', () => {
  it('documents the default fixture: Contacts with 3 fields, ≥ 5 records and the three accounts', () => {
    const fixture = parseFixture(DEFAULT_FIXTURE);
    const contacts = fixture.databases.find((db) => db.name === 'Contacts');
    expect(contacts?.layouts.map((l) => l.name)).toEqual(['Contacts']);
    expect(contacts?.tables[0]?.fields.map((f) => f.name)).toEqual(['name', 'email', 'city']);
    expect(contacts?.tables[0]?.records.length).toBeGreaterThanOrEqual(5);
    expect(
      contacts?.accounts.map((a) => [a.name, a.password, a.active, a.extendedPrivileges.includes('fmrest')]),
    ).toEqual([
      ['admin', 'admin-pass', true, true],
      ['no-api', 'no-api-pass', true, false],
      ['inactive', 'inactive-pass', false, true],
    ]);
  });

  it('serves a fixture file instead of the default one', async () => {
    const server = await startMockServer({ fixture: fixturePath('small.json') });
    try {
      const login = await http(server.url, 'POST', '/fmi/data/vLatest/databases/Inventory/sessions', {
        headers: { authorization: basic('clerk', 'clerk-pass'), 'content-type': 'application/json' },
        body: '{}',
      });
      expect(login.status).toBe(200);
      const records = await http(
        server.url,
        'GET',
        '/fmi/data/vLatest/databases/Inventory/layouts/Items/records',
        {
          headers: { authorization: `Bearer ${login.json.response.token}` },
        },
      );
      expect(records.json.response.data.map((r: any) => r.fieldData)).toEqual([
        { sku: 'A-1', qty: 3 },
        { sku: 'B-2', qty: 0 },
      ]);
      expect(server.mock.options.dataApi.sessionIdleMinutes).toBe(5);
      const old = await http(server.url, 'POST', '/fmi/data/vLatest/databases/Contacts/sessions', {
        headers: { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' },
        body: '{}',
      });
      expect(old.status).toBe(500);
    } finally {
      await server.close();
    }
  });

  it('lists every problem of an invalid fixture with its JSON path', () => {
    let error: unknown;
    try {
      loadFixtureFile(fixturePath('broken.json'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FixtureError);
    const { problems, message } = error as FixtureError;
    expect(message).toContain('broken.json');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^databases\[0\]\.accounts\[0\]\.password: /),
        expect.stringMatching(/^databases\[0\]\.accounts\[0\]\.name: account names cannot contain ":"/),
        expect.stringMatching(
          /^databases\[0\]\.tables\[0\]\.records\[0\]\.color: not one of the table's fields/,
        ),
        expect.stringMatching(
          /^databases\[0\]\.layouts\[0\]\.table: the layout shows a table that is not one of databases\[0\]\.tables/,
        ),
        expect.stringMatching(/^options\.dataApi\.maxSessions: /),
      ]),
    );
  });

  it('explains a missing file and malformed JSON', () => {
    expect(() => loadFixtureFile('/nonexistent/fixture.json')).toThrow(/cannot read the file: ENOENT/);
    expect(() => parseFixture({ databases: [] })).toThrow(/databases/);
    expect(() => parseFixture({ databases: [], extra: 1 })).toThrow(/extra|Unrecognized/);
  });
});
