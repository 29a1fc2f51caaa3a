import { InvalidArgumentError, InvalidCredentialsError, UnsupportedError } from '@fmauth/core';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { DataApi, FileMakerError } from '@proofkit/fmdapi';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FmAuthAdapter } from '../src/index.js';
import { rejectionOf, useAdapterMock } from './support/mock.js';

const contact = z.object({ name: z.string(), email: z.string(), city: z.string() });

describe('@proofkit/fmdapi DataApi through FmAuthAdapter on FileMaker Server', () => {
  const mock = useAdapterMock();
  const client = () => DataApi({ adapter: mock.fmsAdapter(), layout: 'Contacts' });

  it('lists records with limit, offset and sort, in the shape DataApi returns', async () => {
    const { data, dataInfo } = await client().list({
      limit: 2,
      offset: 2,
      sort: { fieldName: 'name', sortOrder: 'descend' },
    });
    expect(dataInfo).toMatchObject({
      database: 'Contacts',
      layout: 'Contacts',
      foundCount: 6,
      returnedCount: 2,
    });
    // Descending by name: Katherine, Grace, Edsger, …; offset 2 starts at the second.
    expect(data.map((record) => record.fieldData.name)).toEqual(['Grace Hopper', 'Edsger Dijkstra']);
    expect(data[0]).toMatchObject({
      recordId: expect.any(String),
      modId: expect.any(String),
      portalData: {},
    });
    expect(await mock.stats('filemakerServer')).toMatchObject({ successfulLogins: 1, failedLogins: 0 });
  });

  it('listAll pages through every record, and a schema validates what comes back', async () => {
    const typed = DataApi({ adapter: mock.fmsAdapter(), layout: 'Contacts', schema: { fieldData: contact } });
    const all = await typed.listAll({ limit: 4 });
    expect(all).toHaveLength(6);
    expect(new Set(all.map((record) => record.fieldData.email)).size).toBe(6);
  });

  it('gets, creates, updates and deletes a record', async () => {
    const api = client();
    const created = await api.create({ fieldData: { name: 'Hedy Lamarr', city: 'Vienna' } });
    expect(created).toMatchObject({ recordId: expect.any(String), modId: '0' });

    const { data: fetched } = await api.get({ recordId: created.recordId });
    expect(fetched[0]?.fieldData).toMatchObject({ name: 'Hedy Lamarr', city: 'Vienna' });

    const updated = await api.update({ recordId: created.recordId, fieldData: { city: 'Hollywood' } });
    expect(updated.modId).toBe('1');
    const { data: after } = await api.get({ recordId: Number(created.recordId) });
    expect(after[0]?.fieldData.city).toBe('Hollywood');

    // A stale modId is FileMaker's 306, delivered as @proofkit/fmdapi's own FileMakerError.
    const stale = await rejectionOf(
      api.update({ recordId: created.recordId, modId: 0, fieldData: { city: 'Paris' } }),
    );
    expect(stale).toBeInstanceOf(FileMakerError);
    expect(stale).toMatchObject({ code: '306' });

    await api.delete({ recordId: created.recordId });
    const gone = await rejectionOf(api.get({ recordId: created.recordId }));
    expect(gone).toBeInstanceOf(FileMakerError);
    expect(gone).toMatchObject({ code: '101' });
    expect((gone as Error).message).toContain('Record is missing');
  });

  it('finds records, and a find without results behaves as with the fetch adapter', async () => {
    const api = client();
    const { data } = await api.find({ query: { city: 'London' } });
    expect(data.map((record) => record.fieldData.name)).toEqual(['Ada Lovelace']);

    const omitted = await api.find({ query: [{ city: '*' }, { city: 'London', omit: 'true' }], limit: 10 });
    expect(omitted.data).toHaveLength(5);

    const none = await rejectionOf(api.find({ query: { city: 'Atlantis' } }));
    expect(none).toBeInstanceOf(FileMakerError);
    expect(none).toMatchObject({ code: '401' });
    expect((none as Error).cause).toMatchObject({
      code: 'FMAUTH_FILEMAKER_ERROR',
      status: 500,
      fmCode: '401',
    });

    await expect(api.find({ query: { city: 'Atlantis' }, ignoreEmptyResult: true })).resolves.toMatchObject({
      data: [],
      dataInfo: { foundCount: 0 },
    });
    await expect(api.maybeFindFirst({ query: { city: 'Atlantis' } })).resolves.toBeNull();
    await expect(api.findAll({ query: { city: 'Atlantis' } })).resolves.toEqual([]);
    await expect(api.findOne({ query: { city: 'Atlantis' } })).rejects.toMatchObject({ code: '401' });
    await expect(api.findFirst({ query: { city: 'Boston' } })).resolves.toMatchObject({
      data: { fieldData: { name: 'Barbara Liskov' } },
    });
  });

  it('reads layout metadata and the database layouts', async () => {
    const adapter = mock.fmsAdapter();
    const api = DataApi({ adapter, layout: 'Contacts' });
    const metadata = await api.layoutMetadata();
    expect(metadata.fieldMetaData.map((field) => field.name)).toEqual(['name', 'email', 'city']);
    const { layouts } = await adapter.layouts();
    expect(layouts.map((layout) => layout.name)).toContain('Contacts');
  });

  it('a missing layout is FileMaker error 105', async () => {
    const api = DataApi({ adapter: mock.fmsAdapter(), layout: 'Nope' });
    await expect(api.list({ limit: 1 })).rejects.toSatisfy(
      (error) => error instanceof FileMakerError && error.code === '105',
    );
  });

  it('a wrong password reaches the client as a typed InvalidCredentialsError, without the password', async () => {
    const adapter = mock.adapter({
      baseUrl: mock.endpoints.filemakerServer as string,
      database: 'Contacts',
      strategy: fileMakerServer({ username: 'admin', password: 'Wrong-secret-42' }),
    });
    const error = await rejectionOf(DataApi({ adapter, layout: 'Contacts' }).list({ limit: 1 }));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ code: 'FMAUTH_INVALID_CREDENTIALS', fmCode: '212', status: 401 });
    const { inspect } = await import('node:util');
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(text).not.toContain('Wrong-secret-42');
    }
  });

  it('neither the adapter nor its session shows the password through util.inspect or JSON.stringify', async () => {
    const adapter = mock.adapter({
      baseUrl: mock.endpoints.filemakerServer as string,
      database: 'Contacts',
      strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
    });
    await DataApi({ adapter, layout: 'Contacts' }).list({ limit: 1 });
    const { inspect } = await import('node:util');
    for (const text of [
      inspect(adapter, { depth: 6 }),
      JSON.stringify(adapter),
      inspect(adapter.session, { depth: 6 }),
    ]) {
      expect(text).not.toContain('admin-pass');
    }
  });

  it('containerUpload rejects with UnsupportedError and sends nothing', async () => {
    const api = client();
    const before = (await mock.stats('filemakerServer')).requests ?? 0;
    const error = await rejectionOf(
      api.containerUpload({ recordId: 1, containerFieldName: 'photo', file: new Blob(['x']) } as never),
    );
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toContain('multipart');
    expect((await mock.stats('filemakerServer')).requests ?? 0).toBe(before);
  });

  it('bad input rejects with a TypeError naming the option, before any request', async () => {
    const api = client();
    await expect(api.get({ recordId: 'abc' })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(api.delete({ recordId: -1 })).rejects.toThrow(/recordId/);
    await expect(DataApi({ adapter: mock.fmsAdapter(), layout: '' }).list()).rejects.toThrow(/layout/);
    expect(() => new FmAuthAdapter(undefined as never)).toThrow(InvalidArgumentError);
    expect(() => new FmAuthAdapter({ session: {} as never })).toThrow(/"session" must be a DataApiSession/);
    expect(() => new FmAuthAdapter({ database: 'Contacts' } as never)).toThrow(InvalidArgumentError);
    expect((await mock.stats('filemakerServer')).requests).toBe(0);
  });
});
