// Public API of @fmauth/core. Anything not exported here is internal and may change in any release.

export type {
  AdminApiRequest,
  AdminDatabase,
  AdminSchedule,
  AdminServerStatus,
} from './admin-api/admin-api-calls.js';
export { type AdminApiSessionOptions, DEFAULT_ADMIN_IDLE_TIMEOUT_MS } from './admin-api/admin-api-options.js';
export { AdminApiSession, createAdminApiSession } from './admin-api/admin-api-session.js';
export {
  AuthorizationHeaderProvider,
  createAuthorizationHeaderProvider,
} from './authorization/authorization-header-provider.js';
export {
  type AuthorizationEvent,
  type AuthorizationHeaderProviderOptions,
  DEFAULT_REFRESH_MARGIN_MS,
} from './authorization/provider-options.js';
export { isLoopbackHost } from './base-url.js';
export { assertBasicCredentials, basicAuthorization } from './basic-authorization.js';
export type { DataApiEnvelope, DataApiMessage } from './data-api/envelope.js';
export type {
  DataApiRequest,
  DataInfo,
  FieldData,
  FieldMetaData,
  FindQuery,
  FmRecord,
  LayoutInfo,
  LayoutMetadata,
  RangeOptions,
  RecordsResponse,
} from './data-api/operations.js';
export type { DataApiVersion } from './data-api/paths.js';
export type { ProductInfo } from './data-api/server-info.js';
export { createDataApiSession, DataApiSession } from './data-api/session.js';
export {
  type DataApiSessionOptions,
  DEFAULT_IDLE_TIMEOUT_MS,
  type FmDataSourceOption,
  type SessionEvent,
} from './data-api/session-options.js';
export {
  DEFAULT_DETECTION_TIMEOUT_MS,
  type DetectServerFlavorOptions,
  detectServerFlavor,
  type FlavorConfidence,
  type FlavorEvidence,
  type FlavorEvidenceSource,
  type ServerFlavorReport,
  type StrategyRecommendation,
} from './detect-server-flavor.js';
export * from './errors/codes.js';
export * from './errors/error-classes.js';
export { FmAuthError, type FmAuthErrorOptions, isFmAuthError } from './errors/fm-auth-error.js';
export { type ResponseTooLargeDetails, responseTooLargeError } from './errors/response-too-large.js';
export {
  DEFAULT_LIMITS,
  DEFAULT_TIMEOUTS,
  type ResponseLimitOptions,
  type TimeoutOptions,
  type TlsOptions,
  type TransportOptions,
} from './http/transport-options.js';
export { assertNonEmptyString, InvalidArgumentError } from './invalid-argument.js';
export {
  type LifecycleSharing,
  type LifecycleToken,
  LoginLifecycle,
  type LoginLifecycleEvent,
  type LoginLifecycleOptions,
} from './login/login-lifecycle.js';
export { createODataClient, ODataClient } from './odata/odata-client.js';
export type { ODataClientOptions } from './odata/odata-client-options.js';
export {
  assertBalancedQuotes,
  ODataFilter,
  type ODataFilterPart,
  odataFilter,
} from './odata/odata-filter.js';
export type { ODataKey } from './odata/odata-key.js';
export { type ODataValue, odataLiteral } from './odata/odata-literal.js';
export type { ODataQueryOptions } from './odata/odata-query.js';
export type {
  ODataPage,
  ODataRawResponse,
  ODataRecord,
  ODataRequest,
  ODataScriptResult,
  ODataServiceEntry,
} from './odata/odata-results.js';
export { isSecret, Secret, toSecret } from './secret.js';
export { SecretScrubber } from './secret-scrubber.js';
export type {
  AuthenticateContext,
  AuthenticateReason,
  AuthStrategy,
  BuiltInStrategyId,
  FmDataSourceCredential,
  InvalidateContext,
  LoginCredentials,
  ServerFlavor,
  TargetApi,
} from './strategy.js';
export { assertTokenStore } from './token-store/assert-token-store.js';
export {
  type ResolvedEncryptionKey,
  resolveEncryptionKeys,
  type TokenEncryptionKey,
} from './token-store/encryption-keys.js';
export {
  type MemoryTokenStoreOptions,
  memoryTokenStore,
} from './token-store/memory-token-store.js';
export {
  type CachedToken,
  type ObtainedToken,
  type ObtainOptions,
  type ProducedToken,
  SharedTokenCache,
  type SharedTokenCacheOptions,
  type TokenCodec,
} from './token-store/shared-token-cache.js';
export type { TokenStoreEvent } from './token-store/store-events.js';
export { type DiscardReason, TOKEN_FORMAT_VERSION } from './token-store/token-codec.js';
export { type TokenKeyParts, tokenKey } from './token-store/token-key.js';
export type {
  TokenStore,
  TokenStoreCallContext,
  TokenStoreLock,
  TokenStoreSetOptions,
  TokenStoreSupports,
} from './token-store/token-store.js';
