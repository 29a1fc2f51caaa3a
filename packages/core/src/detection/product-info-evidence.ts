import type { FmAuthError } from '../errors/fm-auth-error.js';
import { evidence, type FlavorEvidence, neutral } from './evidence.js';

/**
 * What `productInfo.name` says. The Data API engine is "Claris Data API Engine" on Claris Server and
 * "FileMaker Data API Engine" on FileMaker Server and FileMaker Cloud (protocol/filemaker.md §5; that
 * `productInfo.name` follows `Get(ApplicationVersion)` here is marked [guess] there).
 */
export function productNameEvidence(name: unknown): FlavorEvidence {
  if (typeof name !== 'string' || name.trim() === '') {
    return neutral('product-name', 'productInfo has no name');
  }
  const quoted = JSON.stringify(name);
  if (/\bclaris\b/i.test(name)) {
    return evidence(
      'product-name',
      `productInfo.name is ${quoted}, a Claris engine, which only Claris Server runs`,
      ['claris-server'],
      'strong',
    );
  }
  if (/\bfilemaker\b/i.test(name)) {
    return evidence(
      'product-name',
      `productInfo.name is ${quoted}, the engine of FileMaker Server and FileMaker Cloud (Claris Server's is the "Claris Data API Engine")`,
      ['filemaker-server', 'filemaker-cloud'],
      'strong',
    );
  }
  return neutral('product-name', `productInfo.name is ${quoted}, which names no known flavor`);
}

/**
 * What `productInfo.version` says. The host versions are 40.x on Claris Server, 1.x and 2.x on
 * FileMaker Cloud and 17 to 22 on FileMaker Server (protocol/filemaker.md §5, `Get(HostApplicationVersion)`).
 * Current servers may leave the version out of productInfo altogether.
 */
export function productVersionEvidence(version: unknown): FlavorEvidence {
  if (version === undefined || version === null || version === '') {
    return neutral('product-version', 'productInfo has no version (current servers may leave it out)');
  }
  const text = String(version);
  const major = /^\s*(\d+)\./.exec(text)?.[1];
  if (major === undefined)
    return neutral('product-version', `productInfo.version "${text}" is not a version number`);
  const n = Number(major);
  if (n >= 40) {
    return evidence(
      'product-version',
      `productInfo.version ${text} is a Claris Server version (40.x)`,
      ['claris-server'],
      'strong',
    );
  }
  if (n >= 17 && n <= 22) {
    return evidence(
      'product-version',
      `productInfo.version ${text} is a FileMaker Server version (17 to 22)`,
      ['filemaker-server'],
      'strong',
    );
  }
  if (n > 22) {
    return evidence(
      'product-version',
      `productInfo.version ${text} is newer than any known FileMaker Server version but below Claris Server's 40.x`,
      ['filemaker-server'],
      'weak',
    );
  }
  if (n === 1 || n === 2) {
    return evidence(
      'product-version',
      `productInfo.version ${text} is a FileMaker Cloud version (1.x, 2.x)`,
      ['filemaker-cloud'],
      'strong',
    );
  }
  return neutral('product-version', `productInfo.version ${text} matches no known flavor`);
}

/**
 * What a failed `productInfo` says. A Data API error envelope means a FileMaker Data API answered
 * without productInfo, as FileMaker Server 17 (which predates it) would; anything else (an HTML error
 * page, a 404 from something that is not a Data API) says nothing about the flavor.
 */
export function productInfoFailureEvidence(error: FmAuthError): FlavorEvidence {
  const seen = `HTTP ${error.status ?? '?'}${error.fmCode ? `, FileMaker ${error.fmCode}` : ''}`;
  if (error.fmCode !== undefined) {
    return evidence(
      'product-info',
      `the Data API answered productInfo with an error (${seen}); FileMaker Server 17 has no productInfo`,
      ['filemaker-server'],
      'weak',
    );
  }
  return neutral(
    'product-info',
    `productInfo was not available (${seen}, ${error.code}): the Data API may be disabled, or the base URL is not a FileMaker server`,
  );
}
