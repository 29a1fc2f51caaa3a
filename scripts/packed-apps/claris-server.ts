import { createDataApiSession } from '@fmauth/core';
import { clarisServer } from '@fmauth/strategy-claris-server';
import { readiness } from './readiness.js';

const { endpoints } = readiness();
await using session = createDataApiSession({
  baseUrl: endpoints.clarisServer as string,
  database: 'Contacts',
  strategy: clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'Extended-pass-1' }),
});
const { data } = await session.getRecords('Contacts', { limit: 2 });
console.log(`claris-server app: ${data.length} records`);
