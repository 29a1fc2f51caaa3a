export { type FileMakerServerOptions, fileMakerServer } from './file-maker-server.js';
