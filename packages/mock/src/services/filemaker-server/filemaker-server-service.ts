import type { MockClock } from '../../core/mock-clock.js';
import type { Fixture } from '../../fixture/fixture-schema.js';
import type { DataApiOptions } from '../../fixture/sections/data-api.js';
import { fileMakerAccountLogin } from '../data-api/account-login.js';
import { DataApiService } from '../data-api/data-api-service.js';

/** The productInfo a FileMaker Server 2024 (21.x) reports. */
export const FILEMAKER_SERVER_PRODUCT = Object.freeze({
  name: 'FileMaker Data API Engine',
  version: '21.1.1.41',
  buildDate: '10/23/2024',
});

/** FileMaker Server: the file's own accounts over HTTP Basic. Mounted at the root of the mock. */
export function createFileMakerServerService(
  fixture: Fixture,
  clock: MockClock,
  options: () => DataApiOptions,
): DataApiService {
  return new DataApiService({
    key: 'filemakerServer',
    prefix: '',
    flavor: 'filemaker-server',
    productInfo: FILEMAKER_SERVER_PRODUCT,
    fixture,
    clock,
    options,
    login: (req, db) => fileMakerAccountLogin(req, db, options()),
  });
}
