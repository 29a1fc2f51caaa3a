// Public API of @fmauth/fmdapi-adapter. Anything not exported here is internal and may change in any release.

export {
  FmAuthAdapter,
  type FmAuthAdapterCallOptions,
  type FmAuthAdapterOptions,
  type FmAuthAdapterSessionOptions,
} from './fmauth-adapter.js';
export { toFmdapiError } from './fmdapi-error.js';
