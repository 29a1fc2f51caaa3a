import type { ServerFlavor } from '@fmauth/core';

/** The mock's endpoint key for each server flavor it simulates. */
export const FLAVOR_SERVERS: Readonly<Record<ServerFlavor, string>> = Object.freeze({
  'filemaker-server': 'filemakerServer',
  'filemaker-cloud': 'filemakerCloud',
  'claris-server': 'clarisServer',
});

/** The flavor a mock endpoint simulates, or `undefined` for an endpoint the kit does not know. */
export function flavorOfServer(server: string): ServerFlavor | undefined {
  return (Object.keys(FLAVOR_SERVERS) as ServerFlavor[]).find((flavor) => FLAVOR_SERVERS[flavor] === server);
}
