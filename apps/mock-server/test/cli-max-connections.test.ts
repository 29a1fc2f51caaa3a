import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../packages/mock/src/cli/parse-args.js';

const CLI = fileURLToPath(new URL('../bin/fmauth-mock.js', import.meta.url));

describe('fmauth-mock --max-connections', () => {
  it('defaults to 10000 and rejects anything but a whole number of at least 1', () => {
    expect(parseCliArgs([]).maxConnections).toBe(10_000);
    expect(parseCliArgs(['--max-connections', '25']).maxConnections).toBe(25);
    for (const bad of ['0', '-1', 'many', '1.5']) {
      expect(() => parseCliArgs(['--max-connections', bad]), bad).toThrow(/--max-connections/);
    }
  });

  it('caps the real server, and leaves the readiness line as it was', async () => {
    const child = spawn(process.execPath, [CLI, '--json', '--max-connections', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      while (!stdout.includes('\n')) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const readiness = JSON.parse(stdout.slice(0, stdout.indexOf('\n')));
      expect(Object.keys(readiness)).toEqual(['ready', 'endpoints', 'cognito']);
      const port = Number(new URL(readiness.endpoints.filemakerServer).port);
      // One idle connection takes the only slot; the next is closed without an answer.
      const first = connect(port, '127.0.0.1');
      await once(first, 'connect');
      const second = connect(port, '127.0.0.1');
      second.on('error', () => undefined);
      second.write('GET /fmi/data/vLatest/productInfo HTTP/1.1\r\nHost: x\r\n\r\n');
      let answer = '';
      second.on('data', (chunk) => {
        answer += chunk;
      });
      // A reset is one way of being closed (events.once would reject on the 'error' event).
      await new Promise((resolve) => second.once('close', resolve));
      expect(answer).toBe('');
      first.destroy();
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
