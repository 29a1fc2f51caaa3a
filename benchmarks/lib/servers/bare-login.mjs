// Baseline for the mock's login throughput: a bare node:http server that answers every request with
// the same bytes a successful Data API login returns, and does no work at all.
import { createServer } from 'node:http';

const token = 'c4d2e429122e9cdeda19bb23c55cd2a8f282c3cc50c60943a110';
const body = JSON.stringify({ response: { token }, messages: [{ code: '0', message: 'OK' }] });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'x-fm-data-access-token': token,
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }));
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
