export type { ClarisServerOptions } from './assert-options.js';
export { clarisServer } from './claris-server.js';
export { CLARIS_SERVER_HINTS, EXTENDED_PASSWORD_ADVICE } from './hints.js';
