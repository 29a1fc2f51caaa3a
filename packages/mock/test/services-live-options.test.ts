import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMock,
  jsonResponse,
  LiveOptions,
  type MockServer,
  type MockService,
  mockControl,
  startMockServer,
} from '../src/index.js';
import { http } from './helpers.js';
import { licenseService } from './services-example.js';

// A third-party service's own behaviour switches, through the same control API as ours.
describe("a third-party service's live options", () => {
  let server: MockServer;
  const control = () => mockControl(server.endpoints.control as string);
  const issue = () =>
    http(server.endpoints.acmeLicenses as string, 'POST', '/licenses', {
      headers: { 'content-type': 'application/json' },
      body: '{"product":"reports"}',
    });
  const patch = (body: unknown) =>
    http(server.endpoints.control as string, 'PATCH', '/options', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startMockServer({ services: [licenseService({ ttlMinutes: 30 })] });
  });
  afterAll(() => server.close());
  beforeEach(() => control().reset());

  it('shows them under its key in GET /options, beside ours', async () => {
    const options = await control().options();
    expect(options.acmeLicenses).toEqual({ ttlMinutes: 30 });
    expect(options.dataApi).toMatchObject({ dataApiEnabled: true });
  });

  it('changes them with PATCH /options, and the service follows at once', async () => {
    const res = await patch({ acmeLicenses: { ttlMinutes: 1 } });
    expect(res.status).toBe(200);
    expect(res.json.acmeLicenses).toEqual({ ttlMinutes: 1 });
    const { id } = (await issue()).json;
    await control().advanceClock({ minutes: 2 });
    expect((await http(server.endpoints.acmeLicenses as string, 'GET', `/licenses/${id}`)).status).toBe(410);
  });

  it.each([
    [{ ttlMinutes: 0 }, 'acmeLicenses: ttlMinutes must be above 0'],
    [{ ttl: 1 }, 'acmeLicenses: unknown option "ttl"; known: ttlMinutes'],
    [{ ttlMinutes: '5' }, 'acmeLicenses: ttlMinutes must be a finite number'],
    ['5', 'acmeLicenses: send an object of option names and values'],
  ])('refuses %j with 400 and the reason', async (values, error) => {
    const res = await patch({ acmeLicenses: values });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error });
    expect((await control().options()).acmeLicenses).toEqual({ ttlMinutes: 30 });
  });

  it('applies nothing of a patch that is wrong anywhere, ours or theirs', async () => {
    const theirsWrong = await patch({ dataApi: { dataApiEnabled: false }, acmeLicenses: { ttlMinutes: 0 } });
    expect(theirsWrong.status).toBe(400);
    expect(((await control().options()).dataApi as { dataApiEnabled: boolean }).dataApiEnabled).toBe(true);
    const oursWrong = await patch({
      dataApi: { sessionIdleMinutes: 'soon' },
      acmeLicenses: { ttlMinutes: 2 },
    });
    expect(oursWrong.status).toBe(400);
    expect(oursWrong.json.error).toContain('dataApi.sessionIdleMinutes');
    expect((await control().options()).acmeLicenses).toEqual({ ttlMinutes: 30 });
  });

  it('goes back to the initial values on reset', async () => {
    await patch({ acmeLicenses: { ttlMinutes: 5 } });
    await control().reset();
    expect((await control().options()).acmeLicenses).toEqual({ ttlMinutes: 30 });
    expect(server.readiness.acmeLicenses).toEqual({ ttlMinutes: 30 });
  });
});

describe('live options that cannot be mounted', () => {
  const withOptions = (key: string, liveOptions: unknown): MockService =>
    ({
      key,
      prefix: `/${key}`,
      handle: () => jsonResponse(200, {}),
      stats: () => ({}),
      reset: () => {},
      liveOptions,
    }) as MockService;

  it('under a key that is a section of our options', () => {
    expect(() => createMock({ services: [() => withOptions('dataApi', new LiveOptions({ a: 1 }))] })).toThrow(
      'mock service "dataApi" has live options, but "dataApi" is already a section of the mock\'s options',
    );
  });

  it('that are not a LiveOptions', () => {
    expect(() => createMock({ services: [() => withOptions('acme', { ttl: 1 })] })).toThrow(
      'mock service "acme": liveOptions must be a LiveOptions',
    );
  });
});

describe('LiveOptions', () => {
  it('previews without applying, applies, and resets', () => {
    const live = new LiveOptions({ mode: 'fast', retries: 2, strict: false });
    const preview = live.preview({ retries: 3 });
    expect(preview).toEqual({ ok: true, value: { mode: 'fast', retries: 3, strict: false } });
    expect(live.current.retries).toBe(2);
    if (preview.ok) live.apply(preview.value);
    expect(live.current).toEqual({ mode: 'fast', retries: 3, strict: false });
    expect(Object.isFrozen(live.current)).toBe(true);
    live.reset();
    expect(live.current.retries).toBe(2);
  });

  it('keeps each value to the type it started with', () => {
    const live = new LiveOptions({ mode: 'fast', strict: false, retries: 1 });
    expect(live.preview({ strict: 'yes' })).toEqual({ ok: false, problem: 'strict must be a boolean' });
    expect(live.preview({ mode: 1 })).toEqual({ ok: false, problem: 'mode must be a string' });
    expect(live.preview({ retries: Number.NaN })).toEqual({
      ok: false,
      problem: 'retries must be a finite number',
    });
    expect(live.preview(null)).toMatchObject({ ok: false });
    expect(live.preview({ __proto__: { x: 1 } })).toEqual({ ok: true, value: live.current });
  });
});
