// examples/serverless/js/settings.mjs
// The settings the examples read from the environment. Nothing here is specific to serverless.
import { fileMakerCloud } from '@fmauth/strategy-filemaker-cloud';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';

/**
 * FileMaker Cloud (a Claris ID) when CLARIS_ID is set, else FileMaker Server (a FileMaker account).
 * The Cloud strategy gets the store too: then one Claris ID sign-in (and MFA prompt) serves every
 * process, not only one Data API login.
 */
export function strategyFromEnv(env, tokenStore, tokenEncryptionKeys) {
  if (env.CLARIS_ID) {
    return fileMakerCloud({
      clarisId: env.CLARIS_ID,
      password: requireEnv(env, 'CLARIS_PASSWORD'),
      tokenStore,
      tokenEncryptionKeys,
      // Unset in production (Claris's Cognito); the tests point it at the fmauth mock server.
      cognito: { endpoint: env.CLARIS_COGNITO_ENDPOINT },
    });
  }
  return fileMakerServer({
    username: requireEnv(env, 'FM_USERNAME'),
    password: requireEnv(env, 'FM_PASSWORD'),
  });
}

/** FMAUTH_TOKEN_KEYS: base64 keys (`openssl rand -base64 32`), comma-separated, newest first. */
export function encryptionKeysFromEnv(env) {
  const keys = (env.FMAUTH_TOKEN_KEYS ?? '').split(',').filter((key) => key.trim() !== '');
  return keys.length > 0 ? keys : undefined; // no keys: undefined, since core refuses an empty list
}

export function requireEnv(env, name) {
  const value = env[name];
  if (!value) throw new Error(`Set ${name} in the environment`);
  return value;
}
