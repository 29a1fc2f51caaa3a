import { inspect } from 'node:util';
import { ChallengeRequiredError, InvalidCredentialsError } from '@fmauth/core';
import { clarisServer } from '@fmauth/strategy-claris-server';
import { type FileMakerCloudOptions, fileMakerCloud } from '@fmauth/strategy-filemaker-cloud';
import { DataApi, FileMakerError } from '@proofkit/fmdapi';
import { afterEach, describe, expect, it } from 'vitest';
import { FmAuthAdapter } from '../src/index.js';
import { DEV, MFA, rejectionOf, useAdapterMock } from './support/mock.js';

describe('the same DataApi client on FileMaker Cloud and Claris Server', () => {
  const mock = useAdapterMock();
  const strategies: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(strategies.splice(0).map((strategy) => strategy.close()));
  });

  /** A Claris ID strategy against the mock's Cognito pool, closed after the test. */
  const cloudStrategy = (options: Partial<FileMakerCloudOptions> = {}) => {
    const strategy = fileMakerCloud({
      clarisId: DEV.clarisId,
      password: DEV.password,
      pool: mock.server.readiness.cognito as FileMakerCloudOptions['pool'],
      ...options,
      cognito: { endpoint: mock.endpoints.cognito, maxAttempts: 1 },
    });
    strategies.push(strategy);
    return strategy;
  };
  const cloudAdapter = (options: Partial<FileMakerCloudOptions> = {}) =>
    mock.adapter({
      baseUrl: mock.endpoints.filemakerCloud as string,
      database: 'Contacts',
      strategy: cloudStrategy(options),
    });

  it('FileMaker Cloud: signs in to Claris ID once, then lists, finds and creates with FMID', async () => {
    const api = DataApi({ adapter: cloudAdapter(), layout: 'Contacts' });
    const { data } = await api.list({ limit: 3 });
    expect(data).toHaveLength(3);
    await expect(api.findFirst({ query: { city: 'London' } })).resolves.toMatchObject({
      data: { fieldData: { name: 'Ada Lovelace' } },
    });
    await expect(api.maybeFindFirst({ query: { city: 'Atlantis' } })).resolves.toBeNull();
    const created = await api.create({ fieldData: { name: 'Mary Jackson', city: 'Hampton' } });
    await expect(api.get({ recordId: created.recordId })).resolves.toMatchObject({
      data: [{ fieldData: { name: 'Mary Jackson' } }],
    });
    expect(await mock.stats('cognito')).toMatchObject({ srpSignIns: 1, failedSignIns: 0 });
    expect(await mock.stats('filemakerCloud')).toMatchObject({ successfulLogins: 1, failedLogins: 0 });
  });

  it('FileMaker Cloud: an account with MFA and no code source gives ChallengeRequiredError, not a FileMakerError', async () => {
    const api = DataApi({ adapter: cloudAdapter({ ...MFA }), layout: 'Contacts' });
    const error = await rejectionOf(api.list({ limit: 1 }));
    expect(error).toBeInstanceOf(ChallengeRequiredError);
    expect(error).not.toBeInstanceOf(FileMakerError);
    expect(error).toMatchObject({ code: 'FMAUTH_CHALLENGE_REQUIRED', challengeName: 'SOFTWARE_TOKEN_MFA' });
    expect(inspect(error, { depth: 5 })).not.toContain(MFA.password);
    expect(await mock.stats('filemakerCloud')).toMatchObject({ requests: 0 });
  });

  it('Claris Server: the extended password logs in; records work as on FileMaker Server', async () => {
    const session = mock.session({
      baseUrl: mock.endpoints.clarisServer as string,
      strategy: clarisServer({ clarisId: DEV.clarisId, extendedPassword: DEV.extendedPassword }),
    });
    const api = DataApi({ adapter: new FmAuthAdapter({ session }), layout: 'Contacts' });
    const { data } = await api.list({ limit: 2, sort: [{ fieldName: 'name', sortOrder: 'ascend' }] });
    expect(data.map((record) => record.fieldData.name)).toEqual(['Ada Lovelace', 'Alan Turing']);
    const created = await api.create({ fieldData: { name: 'Annie Easley', city: 'Cleveland' } });
    await api.delete({ recordId: created.recordId });
    await expect(api.get({ recordId: created.recordId })).rejects.toMatchObject({ code: '101' });
    expect(await mock.stats('clarisServer')).toMatchObject({ successfulLogins: 1, failedLogins: 0 });
  });

  it('Claris Server: the plain Claris ID password gives InvalidCredentialsError with the extended-password hint', async () => {
    const session = mock.session({
      baseUrl: mock.endpoints.clarisServer as string,
      strategy: clarisServer({ clarisId: DEV.clarisId, extendedPassword: DEV.password }),
    });
    const api = DataApi({ adapter: new FmAuthAdapter({ session }), layout: 'Contacts' });
    const error = await rejectionOf(api.find({ query: { city: 'London' }, ignoreEmptyResult: true }));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ code: 'FMAUTH_INVALID_CREDENTIALS', strategyId: 'claris-server' });
    const typed = error as InvalidCredentialsError;
    expect(typed.hint).toContain('extended account password');
    expect(typed.message).toContain('Claris Studio');
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(text).not.toContain(DEV.password);
    }
  });
});
