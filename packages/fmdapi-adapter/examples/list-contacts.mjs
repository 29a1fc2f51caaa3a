// Plain JavaScript, Node.js 20: the DataApi client of @proofkit/fmdapi, logged in by fmauth.
import { FmAuthAdapter } from '@fmauth/fmdapi-adapter';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { DataApi } from '@proofkit/fmdapi';

const adapter = new FmAuthAdapter({
  baseUrl: process.env.FM_SERVER_URL, // https://fms.example.com
  database: process.env.FM_DATABASE, // Contacts
  strategy: fileMakerServer({ username: process.env.FM_USERNAME, password: process.env.FM_PASSWORD }),
});
const contacts = DataApi({ adapter, layout: 'Contacts' });

try {
  const { data } = await contacts.list({ limit: 3, sort: { fieldName: 'name' } });
  for (const record of data) console.log(record.recordId, record.fieldData.name);
  const london = await contacts.maybeFindFirst({ query: { city: 'London' } });
  console.log('in London:', london ? london.data.fieldData.name : 'nobody');
} finally {
  await adapter.close(); // logs out and closes the connections
}
