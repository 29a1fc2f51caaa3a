// @fmauth/mock-server is the `fmauth-mock` CLI. The simulation itself lives in @fmauth/mock; this entry
// re-exports all of it so code written against `@fmauth/mock-server` keeps working unchanged.
export * from '@fmauth/mock';
