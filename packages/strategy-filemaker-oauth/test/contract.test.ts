import { describeInteractiveStrategyContract } from '@fmauth/contract-kit';
import { ALICE, BOB, EVE, flow, RETURN_URL, STATE_KEY } from './helpers.js';

// One flow for the whole suite, as an app has: replays are caught across sign-ins.
const oauth = flow();

describeInteractiveStrategyContract({
  name: '@fmauth/strategy-filemaker-oauth',
  server: 'filemakerServer',
  secrets: [STATE_KEY],
  interactive: {
    user: ALICE,
    secondUser: BOB,
    unmappedUser: EVE,
    begin: async (env) => {
      const baseUrl = env.endpoints.filemakerServer as string;
      const { authorizationUrl, state } = await oauth.begin({ baseUrl, provider: 'Acme' });
      return {
        authorizationUrl,
        returnUrl: RETURN_URL,
        complete: async (returnedUrl) => oauth.strategy(await oauth.complete(state, returnedUrl)),
      };
    },
  },
});
