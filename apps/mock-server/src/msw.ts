// `@fmauth/mock-server/msw`, kept for existing users: the same as `@fmauth/mock/msw` (msw stays an
// optional peer; that entry says how to install it when it is missing).
export * from '@fmauth/mock/msw';
