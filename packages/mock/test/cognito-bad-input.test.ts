import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, DEV, rawCall, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const initiate = (input: unknown) => mock.cognito('InitiateAuth', input);

function expectCognitoError(
  res: { status: number; json: { __type?: string; message?: string } },
  type: string,
) {
  expect(res.status).toBe(400);
  expect(res.json.__type).toBe(type);
  expect(typeof res.json.message).toBe('string');
}

describe('Cognito: malformed requests get typed errors, never a crash', () => {
  it('answers malformed JSON and non-object bodies with SerializationException', async () => {
    expectCognitoError(await initiate('{"AuthFlow":'), 'SerializationException');
    expectCognitoError(await initiate('[1,2]'), 'SerializationException');
    expectCognitoError(await initiate('"text"'), 'SerializationException');
  });

  it('refuses bodies over 64 KiB, and the server caps far larger ones', async () => {
    const large = JSON.stringify({
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: CLIENT_ID,
      Padding: 'x'.repeat(70_000),
    });
    expectCognitoError(await initiate(large), 'InvalidParameterException');
    const huge = await initiate(`{"x":"${'y'.repeat(1100 * 1024)}"}`);
    expect(huge.status).toBe(413);
    // Still serving afterwards.
    expect((await mock.signIn(DEV.email, DEV.password)).status).toBe(200);
  });

  it('needs an X-Amz-Target of the Cognito service and POST', async () => {
    const noTarget = await rawCall(`${mock.cognitoUrl}/`, 'POST', {
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expectCognitoError(noTarget, 'UnknownOperationException');
    const get = await rawCall(`${mock.cognitoUrl}/`, 'GET');
    expectCognitoError(get, 'UnknownOperationException');
    expectCognitoError(
      await mock.cognito('InitiateAuth', {}, { 'x-amz-target': 'AmazonS3.ListBuckets' }),
      'UnknownOperationException',
    );
  });

  it('answers operations it does not simulate with UnknownOperationException naming what it does', async () => {
    const res = await mock.cognito('SignUp', { ClientId: CLIENT_ID, Username: 'x', Password: 'y' });
    expectCognitoError(res, 'UnknownOperationException');
    expect(res.json.message).toContain('InitiateAuth');
  });

  it('refuses a content type other than application/x-amz-json-1.1', async () => {
    const res = await mock.cognito('InitiateAuth', {}, { 'content-type': 'text/plain' });
    expectCognitoError(res, 'InvalidParameterException');
  });

  it('reports missing members and parameters with the service wording', async () => {
    const noClient = await initiate({ AuthFlow: 'USER_SRP_AUTH', AuthParameters: {} });
    expectCognitoError(noClient, 'InvalidParameterException');
    expect(noClient.json.message).toContain("Value null at 'clientId'");
    const noFlow = await initiate({ ClientId: CLIENT_ID });
    expect(noFlow.json.message).toContain("Value null at 'authFlow'");
    const noUser = await initiate({
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { SRP_A: 'ab' },
    });
    expect(noUser.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
    });
    const noA = await initiate({
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: DEV.email },
    });
    expect(noA.json.message).toBe('Missing required parameter SRP_A');
  });

  it('refuses wrongly typed members', async () => {
    expectCognitoError(
      await initiate({ AuthFlow: 'USER_SRP_AUTH', ClientId: 42 }),
      'InvalidParameterException',
    );
    expectCognitoError(
      await initiate({ AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT_ID, AuthParameters: ['USERNAME'] }),
      'InvalidParameterException',
    );
    expectCognitoError(
      await initiate({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 7, SRP_A: 'ab' },
      }),
      'InvalidParameterException',
    );
  });

  it('answers an unknown ClientId with ResourceNotFoundException', async () => {
    const res = await initiate({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'nosuchclient', AuthParameters: {} });
    expect(res.json).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
  });

  it('has only SRP and refresh enabled on the app client, and refuses unknown flows', async () => {
    const password = await initiate({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: DEV.email, PASSWORD: DEV.password },
    });
    expect(password.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    const unknown = await initiate({ AuthFlow: 'MAGIC', ClientId: CLIENT_ID });
    expectCognitoError(unknown, 'InvalidParameterException');
    expect(unknown.json.message).toContain("Value 'MAGIC' at 'authFlow'");
  });

  it('refuses an unknown challenge name', async () => {
    const res = await mock.cognito('RespondToAuthChallenge', {
      ChallengeName: 'CUSTOM_CHALLENGE',
      ClientId: CLIENT_ID,
      ChallengeResponses: { USERNAME: DEV.email },
    });
    expectCognitoError(res, 'InvalidParameterException');
  });

  it('answers every call with TooManyRequestsException while throttling is on', async () => {
    expect((await mock.options({ cognito: { throttle: true } })).status).toBe(200);
    const res = await mock.initiate(DEV.email);
    expect(res.res.json).toEqual({ __type: 'TooManyRequestsException', message: 'Rate exceeded' });
    expect(res.res.headers['x-amzn-errortype']).toBe('TooManyRequestsException:');
    expect(mock.stats().throttledRequests).toBe(1);
    await mock.options({ cognito: { throttle: false } });
    expect((await mock.initiate(DEV.email)).res.status).toBe(200);
  });

  it('refuses invalid option values through the control API', async () => {
    expect((await mock.options({ cognito: { userPoolId: 'no-underscore' } })).status).toBe(400);
    expect((await mock.options({ filemakerCloud: { rejectedFmidResponse: 'xml' } })).status).toBe(400);
  });
});
