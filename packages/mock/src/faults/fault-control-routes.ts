import type { ControlRoute } from '../core/control-route.js';
import { jsonResponse } from '../core/mock-http.js';
import { type FaultInput, FaultInputError } from './fault-schema.js';
import type { MockFaults } from './mock-faults.js';

/** `GET`, `POST` and `DELETE /faults` on the control API. */
export function faultControlRoutes(faults: MockFaults): ControlRoute[] {
  return [
    {
      method: 'GET',
      path: '/faults',
      description: 'the injected faults still waiting for a request, and how many were injected',
      handle: () => jsonResponse(200, { faults: faults.list(), stats: faults.stats() }),
    },
    {
      method: 'POST',
      path: '/faults',
      description:
        'fail the next requests: {"kind":"filemaker-952","service":"filemakerServer","path":"/records","method":"GET","times":1}',
      handle: (body) => {
        try {
          return jsonResponse(201, faults.add(body as FaultInput));
        } catch (error) {
          if (error instanceof FaultInputError) return jsonResponse(400, { error: error.message });
          throw error;
        }
      },
    },
    {
      method: 'DELETE',
      path: '/faults',
      description: 'remove every injected fault and let go of requests they hold',
      handle: () => jsonResponse(200, { cleared: faults.clear() }),
    },
  ];
}
