import { htmlResponse, type MockResponse } from '../../core/mock-http.js';
import type { FileMakerCloudOptions } from '../../fixture/sections/cloud.js';
import { ADMIN, adminResponse } from '../admin-api/admin-messages.js';
import { FM, fmResponse } from '../data-api/fm-messages.js';

// [guess] The real page is not recorded; fmrest-ruby only saw "HTTP 401 with content-type text/html".
const UNAUTHORIZED_PAGE =
  '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/**
 * FileMaker Cloud's answer to an expired or invalid FMID token (at login, and on calls of a session
 * whose FMID expired): HTTP 401 with an HTML page by default, or the Data API's JSON 212 envelope.
 */
export function rejectedFmidResponse(options: FileMakerCloudOptions): MockResponse {
  return options.rejectedFmidResponse === 'html'
    ? htmlResponse(401, UNAUTHORIZED_PAGE, { server: 'nginx' })
    : fmResponse(401, FM.invalidAccount);
}

/** The same for the Admin API, whose JSON envelope keys messages `text`. */
export function rejectedAdminFmidResponse(options: FileMakerCloudOptions): MockResponse {
  return options.rejectedFmidResponse === 'html'
    ? htmlResponse(401, UNAUTHORIZED_PAGE, { server: 'nginx' })
    : adminResponse(401, ADMIN.invalidLogin);
}
