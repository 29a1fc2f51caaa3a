import { isIP } from 'node:net';
import { isLoopbackHost } from '../base-url.js';
import { evidence, type FlavorEvidence, neutral } from './evidence.js';

const CLOUD_TEAM_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.account\.filemaker-cloud\.com$/;
const CLOUD_DOMAIN = /(^|\.)filemaker-cloud\.com$/;

/**
 * What the host name says. FileMaker Cloud servers are reached as `{team}.account.filemaker-cloud.com`
 * (protocol/filemaker.md §5); FileMaker Server and Claris Server run on the customer's own names.
 * A loopback address (a local mock, an SSH tunnel) says nothing either way.
 */
export function hostNameEvidence(hostname: string): FlavorEvidence {
  // URL keeps a trailing dot of a fully qualified name and the brackets of an IPv6 literal.
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (isLoopbackHost(host)) {
    return neutral(
      'host-name',
      `${host} is a loopback address (a local server or a tunnel), which says nothing`,
    );
  }
  if (CLOUD_TEAM_HOST.test(host)) {
    return evidence(
      'host-name',
      `${host} has the {team}.account.filemaker-cloud.com form of FileMaker Cloud servers`,
      ['filemaker-cloud'],
      'strong',
    );
  }
  if (CLOUD_DOMAIN.test(host)) {
    return evidence(
      'host-name',
      `${host} is under filemaker-cloud.com, but not in the usual {team}.account.filemaker-cloud.com form`,
      ['filemaker-cloud'],
      'weak',
    );
  }
  const bare = host.replace(/^\[|\]$/g, '');
  const what = isIP(bare) ? `${host} is an IP address` : `${host} is not a filemaker-cloud.com host name`;
  return evidence(
    'host-name',
    `${what}; FileMaker Cloud servers are reached as {team}.account.filemaker-cloud.com`,
    ['filemaker-server', 'claris-server'],
    'weak',
  );
}
