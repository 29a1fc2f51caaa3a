import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/**
 * A loopback reverse proxy in front of the mock's Cognito: it records each call's operation
 * (`X-Amz-Target`), which the mock's counters do not tell apart, and can play an older
 * Cognito-compatible server that does not know some operations (`UnknownOperationException`, as AWS
 * words it). The mock's fault injection matches paths, and every Cognito call is `POST /`, so it cannot
 * target one operation.
 */
export interface CognitoRecorder {
  /** Give this to the strategy as `cognito.endpoint`. */
  readonly endpoint: string;
  /** The operations called, in order (`InitiateAuth`, `GetTokensFromRefreshToken`, …). */
  readonly operations: string[];
  /** `InitiateAuth` calls by `AuthFlow`, in order. */
  readonly authFlows: string[];
  /** Operations answered with `UnknownOperationException` instead of being forwarded. */
  readonly unknown: Set<string>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;
const AMZ_JSON = 'application/x-amz-json-1.1';

/** Starts the recorder in front of `cognitoEndpoint` (the mock's `endpoints.cognito`). */
export async function startCognitoRecorder(
  cognitoEndpoint: string,
  unknown: Iterable<string> = [],
): Promise<CognitoRecorder> {
  const upstream = new URL(cognitoEndpoint);
  const operations: string[] = [];
  const authFlows: string[] = [];
  const unknownSet = new Set(unknown);

  const server: Server = createServer((req, res) => {
    void relay(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });

  async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const operation =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() ?? '';
    operations.push(operation);
    if (operation === 'InitiateAuth') authFlows.push(authFlowOf(body));
    if (unknownSet.has(operation)) {
      res.writeHead(400, { 'content-type': AMZ_JSON, 'x-amzn-errortype': 'UnknownOperationException:' });
      res.end(JSON.stringify({ __type: 'UnknownOperationException' }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'x-amz-target']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await request(new URL(req.url ?? '/', upstream.origin), {
      method: req.method as 'POST',
      headers,
      body,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const text = await answer.body.text();
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (typeof value === 'string' && (name === 'content-type' || name.startsWith('x-amzn-')))
        out[name] = value;
    }
    res.writeHead(answer.statusCode, out);
    res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${upstream.pathname}`,
    operations,
    authFlows,
    unknown: unknownSet,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large for the recorder');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function authFlowOf(body: Buffer): string {
  try {
    return String((JSON.parse(body.toString('utf8')) as { AuthFlow?: unknown }).AuthFlow);
  } catch {
    return 'unreadable';
  }
}
