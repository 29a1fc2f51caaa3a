import { createDataApiSession } from '@fmauth/core';
import { fileMakerCloud } from '@fmauth/strategy-filemaker-cloud';
import { readiness } from './readiness.js';

const { endpoints, cognito } = readiness();
await using strategy = fileMakerCloud({
  clarisId: 'dev@example.com',
  password: 'ClarisID-pass-1',
  pool: cognito,
  cognito: { endpoint: endpoints.cognito as string },
});
await using session = createDataApiSession({
  baseUrl: endpoints.filemakerCloud as string,
  database: 'Contacts',
  strategy,
});
const { data } = await session.getRecords('Contacts', { limit: 2 });
console.log(`filemaker-cloud app: ${data.length} records`);
