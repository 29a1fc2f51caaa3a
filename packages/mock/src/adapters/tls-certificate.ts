import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The certificate material an HTTPS mock serves, all PEM. */
export interface TlsMaterial {
  /** The certificate chain the server presents (leaf first). */
  readonly cert: string;
  /** The leaf's private key. */
  readonly key: string;
  /** The certificate clients must trust: the generated CA, or the given certificate itself. */
  readonly ca: string;
  /** SHA-256 fingerprint of `ca`, as `AB:CD:…` (what `openssl x509 -fingerprint -sha256` prints). */
  readonly caFingerprint256: string;
}

/** A certificate / key pair that cannot be used; the message names the files, never their contents. */
export class TlsMaterialError extends Error {
  override readonly name = 'TlsMaterialError';
}

/** Host names and addresses the generated certificate is valid for. */
const LOOPBACK_NAMES = { dns: ['localhost'], ip: ['127.0.0.1', '::1'] } as const;

/**
 * A fresh CA and a server certificate it signed for `localhost`, `127.0.0.1` and `::1`, valid for 30
 * days from an hour ago (clock skew). A CA plus a leaf, not one self-signed leaf, because that is what
 * on-premises servers with an in-house CA look like, and what a client's `ca` option is meant for.
 */
export async function generateTlsMaterial(extraHosts: readonly string[] = []): Promise<TlsMaterial> {
  // Loaded only when TLS is asked for: plain-HTTP mocks never pay for it.
  const loaded = await import('node-forge');
  // node-forge is CommonJS: under Node's ESM loader its API is the default export.
  const forge = (loaded as typeof loaded & { default?: typeof loaded }).default ?? loaded;
  const { pki } = forge;
  const notBefore = new Date(Date.now() - 60 * 60_000);
  const notAfter = new Date(Date.now() + 30 * 24 * 60 * 60_000);
  // Node generates the RSA keys (native, milliseconds); forge only assembles and signs the certificates.
  const newKeys = () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forgeKey = pki.privateKeyFromPem(pem) as ReturnType<typeof pki.privateKeyFromPem> & {
      n: unknown;
      e: unknown;
    };
    return {
      pem,
      privateKey: forgeKey,
      publicKey: pki.setRsaPublicKey(forgeKey.n as never, forgeKey.e as never),
    };
  };
  const serial = () => `01${randomBytes(15).toString('hex')}`;

  const caKeys = newKeys();
  const ca = pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serial();
  ca.validity.notBefore = notBefore;
  ca.validity.notAfter = notAfter;
  const caName = [
    { name: 'commonName', value: 'fmauth mock CA' },
    { name: 'organizationName', value: 'fmauth mock (for tests only)' },
  ];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const leafKeys = newKeys();
  const leaf = pki.createCertificate();
  leaf.publicKey = leafKeys.publicKey;
  leaf.serialNumber = serial();
  leaf.validity.notBefore = notBefore;
  leaf.validity.notAfter = notAfter;
  leaf.setSubject([{ name: 'commonName', value: 'localhost' }]);
  leaf.setIssuer(caName);
  const hosts = [...new Set(extraHosts)].filter((host) => host !== '');
  leaf.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...LOOPBACK_NAMES.dns.map((value) => ({ type: 2, value })),
        ...LOOPBACK_NAMES.ip.map((ip) => ({ type: 7, ip })),
        ...hosts.map((host) => (isIpAddress(host) ? { type: 7, ip: host } : { type: 2, value: host })),
      ],
    },
  ]);
  leaf.sign(caKeys.privateKey, forge.md.sha256.create());

  const caPem = pki.certificateToPem(ca);
  return {
    cert: pki.certificateToPem(leaf),
    key: leafKeys.pem,
    ca: caPem,
    caFingerprint256: new X509Certificate(caPem).fingerprint256,
  };
}

/**
 * A certificate and key read from files (`--cert` / `--key`), checked to belong together before the
 * server starts, so a wrong pair is one clear line instead of a TLS handshake failure in every client.
 * The certificate is what clients must trust (a self-signed server certificate, or the leaf of a chain
 * whose issuer the user passes to clients themselves).
 */
export async function readTlsMaterial(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const cert = await readText(certFile, 'certificate');
  const key = await readText(keyFile, 'private key');
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch {
    throw new TlsMaterialError(`${certFile} is not a PEM certificate`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new TlsMaterialError(`${keyFile} is not an unencrypted PEM private key`);
  }
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new TlsMaterialError(`${keyFile} is not the private key of the certificate in ${certFile}`);
  }
  return { cert, key, ca: cert, caFingerprint256: leaf.fingerprint256 };
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new TlsMaterialError(`cannot read the ${what} file ${file} (${code})`);
  }
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
