// examples/serverless/js/next-route.mjs
// A Next.js App Router route handler, e.g. app/api/contacts/route.js. It needs nothing from `next`:
// a route handler takes a web Request and returns a Response.
import { isFmAuthError } from '@fmauth/core';
import { getFmauth } from './fmauth.mjs';

// Node.js, not edge: fmauth needs undici, node:crypto and TCP sockets (to FileMaker and Redis), and a
// Claris ID sign-in needs the AWS SDK. Edge isolates have none of these, and each would log in anyway.
export const runtime = 'nodejs';

export async function GET(request) {
  const asked = Number.parseInt(new URL(request.url).searchParams.get('limit') ?? '', 10);
  const limit = asked >= 1 && asked <= 100 ? asked : 10;
  try {
    // The process's session: after the first request (here or in any other instance), no login.
    const { data } = await getFmauth().session.getRecords('Contacts', { limit });
    return Response.json({ contacts: data.map((record) => ({ id: record.recordId, ...record.fieldData })) });
  } catch (error) {
    if (!isFmAuthError(error)) throw error;
    console.error(error); // fmauth errors never contain a password or token
    return Response.json({ error: error.code }, { status: 502 });
  }
}
