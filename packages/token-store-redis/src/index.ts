// Public API of @fmauth/token-store-redis. Anything not exported here is internal.
export {};
