// examples/serverless/js/server.mjs
// Starts the Express app: `PORT=8080 node js/server.mjs`.
import { startServer } from './express-app.mjs';

await startServer(Number(process.env.PORT ?? 3000));
