// examples/serverless/src/server.ts
// Starts the Express app: `PORT=8080 node dist/server.js`.
import { startServer } from './express-app.js';

await startServer(Number(process.env.PORT ?? 3000));
