// count(): the `/$count` path's Accept, and the fallback to `$count=true` on an empty page when a
// server refuses the path (FileMaker Server 22 hosts answer 406 to `text/plain`, 400 to JSON).
import { type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createODataClient, FileMakerError, odataFilter } from '../src/index.js';
import { basicStrategy, startServer } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server that refuses `/$count` with `status` and answers `$count=true` pages; records what it saw. */
async function refusingCountPath(status: number) {
  const seen: Array<{ url: string; accept: string | undefined }> = [];
  const server = await startServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    seen.push({ url, accept: req.headers.accept });
    res.setHeader('content-type', 'application/json;charset=utf-8');
    if (url.includes('/$count')) {
      res.statusCode = status;
      return void res.end(JSON.stringify({ error: { code: '-1002', message: 'Unexpected internal error' } }));
    }
    if (url.includes("$filter=name eq 'bad'")) {
      res.statusCode = 400;
      return void res.end(JSON.stringify({ error: { code: '-1002', message: "syntax error at 'bad'" } }));
    }
    res.end(JSON.stringify({ value: [], '@count': 4 }));
  });
  servers.push(server);
  const odata = createODataClient({ baseUrl: server.url, database: 'Contacts', strategy: basicStrategy() });
  servers.push(odata);
  return { odata, seen };
}

describe('OData count()', () => {
  it('asks /$count accepting any type, so a strict server (406 to text/plain) answers', async () => {
    await mockControl(mock.endpoints.control as string).setOptions({ odata: { strictCountAccept: true } });
    await using odata = createODataClient({
      baseUrl: mock.url,
      database: 'Contacts',
      strategy: basicStrategy(),
    });
    expect(await odata.count('Contacts', odataFilter`city eq ${'Boston'}`)).toBe(1);
    expect(mock.mock.stats().filemakerServer).toMatchObject({ odataRequests: 1 });
  });

  it.each([406, 400])('falls back to $count=true&$top=0 when /$count answers %i', async (status) => {
    const { odata, seen } = await refusingCountPath(status);
    expect(await odata.count('Contacts', odataFilter`city eq ${'Rome'}`)).toBe(4);
    expect(seen).toEqual([
      { url: "/fmi/odata/v4/Contacts/Contacts/$count?$filter=city eq 'Rome'", accept: '*/*' },
      {
        url: "/fmi/odata/v4/Contacts/Contacts?$filter=city eq 'Rome'&$top=0&$count=true",
        accept: 'application/json',
      },
    ]);
  });

  it("a filter the server cannot parse still rejects with the server's own error", async () => {
    const { odata } = await refusingCountPath(400);
    const error = await odata.count('Contacts', "name eq 'bad'").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileMakerError);
    expect(error).toMatchObject({ status: 400, fmCode: '-1002' });
  });
});
