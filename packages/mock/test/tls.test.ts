import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockServer, TlsMaterialError } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fmauth-mock-tls-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function productInfo(url: string, ca?: string) {
  const dispatcher = new Agent({ connect: ca === undefined ? {} : { ca } });
  try {
    const res = await request(`${url}/fmi/data/vLatest/productInfo`, {
      dispatcher,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    return { status: res.statusCode, json: (await res.body.json()) as any };
  } finally {
    await dispatcher.close();
  }
}

describe('the mock over TLS', () => {
  it('tls: true serves HTTPS with a fresh CA that clients can trust, published as a file and a fingerprint', async () => {
    await using server = await startMockServer({ tls: true });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.endpoints.filemakerCloud).toMatch(/^https:\/\//);
    const tls = server.tls;
    expect(tls).toBeDefined();
    expect(readFileSync(tls?.caPath as string, 'utf8')).toBe(tls?.ca);
    expect(tls?.caFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(server.readiness.tls).toEqual({ caPath: tls?.caPath, caFingerprint256: tls?.caFingerprint256 });
    // The readiness line carries where the CA is, never a private key.
    expect(JSON.stringify(server.readiness)).not.toContain('PRIVATE KEY');

    const info = await productInfo(server.url, tls?.ca);
    expect(info.status).toBe(200);
    expect(info.json.response.productInfo.name).toBeTypeOf('string');
    // Also by host name: the certificate names localhost.
    const byName = await productInfo(server.url.replace('127.0.0.1', 'localhost'), tls?.ca);
    expect(byName.status).toBe(200);
  });

  it('a client that does not trust the CA fails the handshake', async () => {
    await using server = await startMockServer({ tls: true });
    const error = await productInfo(server.url).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('each start makes a new CA, and close() removes its file', async () => {
    const first = await startMockServer({ tls: true });
    const second = await startMockServer({ tls: true });
    expect(first.tls?.caFingerprint256).not.toBe(second.tls?.caFingerprint256);
    const path = first.tls?.caPath as string;
    await first.close();
    await second.close();
    expect(existsSync(path)).toBe(false);
  });

  it('serves your own certificate and key from files, and trusts that certificate', async () => {
    const certFile = join(dir, 'own-cert.pem');
    const keyFile = join(dir, 'own-key.pem');
    // openssl is how people make such a pair; generate one the same way.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    await using server = await startMockServer({ tls: { certFile, keyFile } });
    expect(server.tls?.caPath).toBe(certFile);
    const info = await productInfo(server.url, readFileSync(certFile, 'utf8'));
    expect(info.status).toBe(200);
  });

  it('a wrong pair, an unreadable key or a file that is not PEM is one clear error naming the file', async () => {
    const generated = await startMockServer({ tls: true });
    const otherCa = join(dir, 'other-ca.pem');
    writeFileSync(otherCa, generated.tls?.ca as string);
    await generated.close();
    const certFile = join(dir, 'pair-cert.pem');
    const keyFile = join(dir, 'pair-key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    const notPem = join(dir, 'not-pem.txt');
    writeFileSync(notPem, 'hello');
    const failures = [
      [{ certFile: otherCa, keyFile }, `${keyFile} is not the private key of the certificate in ${otherCa}`],
      [
        { certFile, keyFile: join(dir, 'missing.pem') },
        `cannot read the private key file ${join(dir, 'missing.pem')} (ENOENT)`,
      ],
      [{ certFile: notPem, keyFile }, `${notPem} is not a PEM certificate`],
      [{ certFile, keyFile: notPem }, `${notPem} is not an unencrypted PEM private key`],
    ] as const;
    for (const [tls, message] of failures) {
      const error = await startMockServer({ tls }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TlsMaterialError);
      expect((error as Error).message).toBe(message);
      // Never the key material itself.
      expect((error as Error).message).not.toContain('BEGIN');
    }
  });
});
