import { createDataApiSession } from '@fmauth/core';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { readiness } from './readiness.js';

const { endpoints } = readiness();
await using session = createDataApiSession({
  baseUrl: endpoints.filemakerServer as string,
  database: 'Contacts',
  strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
});
const { data } = await session.getRecords('Contacts', { limit: 2 });
console.log(`filemaker-server app: ${data.length} records`);
