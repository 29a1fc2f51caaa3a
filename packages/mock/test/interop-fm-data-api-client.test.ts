import { Client } from 'fm-data-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMock } from './helpers.js';

// An existing, unchanged Data API client (Soliant's fm-data-api-client, node-fetch based, v1 paths)
// pointed at the mock: login → read → find → create → logout, exactly as against a real server.
const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());

describe('third-party client: fm-data-api-client', () => {
  it('logs in, reads, finds, creates and logs out unchanged', async () => {
    const client = new Client(mock.base, 'Contacts', 'admin', 'admin-pass');
    const layout = client.layout<{ name: string; email: string; city: string }>('Contacts');

    const range = await layout.range({ limit: 3 });
    expect(range.data.map((r) => r.fieldData.name)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing']);
    const one = await layout.get(2);
    expect(one.data[0]?.fieldData.city).toBe('New York');
    const found = await layout.find([{ city: 'Boston' }]);
    expect(found.data.map((r) => r.fieldData.name)).toEqual(['Barbara Liskov']);
    const created = await layout.create({
      name: 'Radia Perlman',
      email: 'radia@example.com',
      city: 'Portsmouth',
    });
    expect(created.recordId).toBe('7');
    const empty = await layout.find([{ city: 'Atlantis' }], {}, true);
    expect(empty.data).toEqual([]);

    expect(mock.stats()).toMatchObject({ successfulLogins: 1, activeSessions: 1 });
    await client.clearToken();
    expect(mock.stats()).toMatchObject({ logouts: 1, activeSessions: 0 });
  });

  it("surfaces the mock's FileMaker errors through the client's own error type", async () => {
    const client = new Client(mock.base, 'Contacts', 'admin', 'wrong-password');
    await expect(client.layout('Contacts').range()).rejects.toMatchObject({ code: '212' });
  });
});
