import { type MockServer, startMockServer } from '@fmauth/mock';
import { TOTP } from 'otpauth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, endpoint } from './helpers/run-fmauth.js';
import { TmuxSession, terminalTestsUnavailable } from './helpers/tmux.js';

const missing = terminalTestsUnavailable();
const skip = missing !== undefined && process.env.FMAUTH_SKIP_TERMINAL_TESTS === '1';
if (skip) console.warn(`[fmauth cli] skipping the real-terminal tests: ${missing}`);

// The escape character that starts a colour sequence (Biome forbids control characters in regex literals).
const ESC = String.fromCharCode(0x1b);

let server: MockServer;
let terminal: TmuxSession;

/** A shell command line running the bin, then printing its exit code, as a person would see it. */
function fmauth(args: string): string {
  return `node ${BIN} ${args}; echo "[exit $?]"`;
}

describe.skipIf(skip)('fmauth in a real terminal (tmux)', () => {
  beforeAll(async () => {
    if (missing) throw new Error(missing);
    server = await startMockServer();
  });
  afterAll(() => server?.close());
  afterEach(() => terminal?.close());

  it('fmauth token on FileMaker Cloud: the password and the MFA code are typed at prompts that echo nothing', async () => {
    terminal = new TmuxSession();
    const cloud = endpoint(server, 'filemakerCloud');
    await terminal.start(
      fmauth(
        `token ${cloud} -d Contacts -u mfa@example.com --cognito-endpoint ${endpoint(server, 'cognito')}`,
      ),
    );
    await terminal.waitFor('Claris ID password for mfa@example.com:');
    await terminal.type('ClarisID-pass-3');
    await terminal.waitFor('Authenticator app code for mfa@example.com:');
    const code = new TOTP({ secret: 'JBSWY3DPEHPK3PXP' }).generate();
    await terminal.type(code);
    const screen = await terminal.waitFor('[exit ');
    expect(screen).toContain('[exit 0]');
    // Neither secret typed appears anywhere on the screen.
    expect(screen).not.toContain('ClarisID-pass-3');
    expect(screen).not.toContain(code);
    // What the README shows: the answered prompts, the token alone on its line, then how to use it.
    const lines = screen.split('\n').filter((line) => line.trim() !== '');
    expect(lines.slice(0, 2), screen).toEqual([
      '✔ Claris ID password for mfa@example.com:',
      '✔ Authenticator app code for mfa@example.com:',
    ]);
    expect(lines[2]).toMatch(/^[0-9a-f]{20,}$/);
    expect(lines[3]).toBe(
      `Data API session token for Contacts (send as "Authorization: Bearer <token>"); it ends after 15 idle minutes, or with: fmauth logout ${cloud} -d Contacts`,
    );
    // The printed token is a live session of the mock.
    const layouts = await fetch(`${cloud}/fmi/data/vLatest/databases/Contacts/layouts`, {
      headers: { authorization: `Bearer ${lines[2]}` },
    });
    expect(layouts.status).toBe(200);
  });

  it('fmauth doctor on Claris Server: a Claris ID password typed at the prompt gets the extended-password verdict', async () => {
    terminal = new TmuxSession();
    await terminal.start(fmauth(`doctor ${endpoint(server, 'clarisServer')} -d Contacts -u dev@example.com`));
    await terminal.waitFor('Extended account password for dev@example.com:');
    await terminal.type('ClarisID-pass-1');
    const screen = await terminal.waitFor('[exit ');
    expect(screen).not.toContain('ClarisID-pass-1');
    expect(screen).toContain('✔ Extended account password for dev@example.com:');
    expect(screen).toMatch(/^FAIL {2}login {5}dev@example\.com on Contacts: The server rejected the login/m);
    expect(screen).toContain('Claris Server needs the extended account password, not the Claris ID password');
    expect(screen).toContain('3 passed, 1 failed, 1 skipped');
    expect(screen).toContain('[exit 1]');
  });

  it('fmauth doctor on FileMaker Cloud: password and MFA code typed at the prompts, the login passes', async () => {
    // A code signs a user in once; forget the one the token test used in this 30-second step.
    await fetch(`${endpoint(server, 'control')}/reset`, { method: 'POST' });
    terminal = new TmuxSession();
    await terminal.start(
      fmauth(
        `doctor ${endpoint(server, 'filemakerCloud')} -d Contacts -u mfa@example.com --cognito-endpoint ${endpoint(server, 'cognito')}`,
      ),
    );
    await terminal.waitFor('Claris ID password for mfa@example.com:');
    await terminal.type('ClarisID-pass-3');
    await terminal.waitFor('Authenticator app code for mfa@example.com:');
    const code = new TOTP({ secret: 'JBSWY3DPEHPK3PXP' }).generate();
    await terminal.type(code);
    const screen = await terminal.waitFor('[exit ');
    expect(screen).not.toContain('ClarisID-pass-3');
    expect(screen).not.toContain(code);
    expect(screen).toMatch(/^PASS {2}flavor {4}FileMaker Cloud \(high confidence\)/m);
    expect(screen).toMatch(
      /^PASS {2}login {5}mfa@example\.com logged in to Contacts in \d+ ms \(and out again\)$/m,
    );
    expect(screen).toContain('4 passed, 0 failed, 1 skipped');
    expect(screen).toContain('[exit 0]');
  });

  it('Ctrl-C at the password prompt: one line, exit 130, nothing sent', async () => {
    terminal = new TmuxSession();
    await terminal.start(fmauth(`token ${endpoint(server, 'filemakerServer')} -d Contacts -u admin`));
    await terminal.waitFor('Password for admin:');
    const before = server.mock.stats() as unknown as {
      filemakerServer: { successfulLogins: number; failedLogins: number };
    };
    await terminal.keys('C-c');
    const screen = await terminal.waitFor('[exit ');
    expect(screen).toContain('fmauth token: interrupted at the prompt (Ctrl-C); nothing was sent');
    expect(screen).toContain('[exit 130]');
    expect(screen).not.toMatch(/\n\s+at /);
    const after = server.mock.stats() as unknown as typeof before;
    expect(after.filemakerServer.successfulLogins + after.filemakerServer.failedLogins).toBe(
      before.filemakerServer.successfulLogins + before.filemakerServer.failedLogins,
    );
  });
  it('colours only on a terminal, and none with NO_COLOR', async () => {
    const url = endpoint(server, 'filemakerServer');
    terminal = new TmuxSession();
    await terminal.start(fmauth(`doctor ${url}`));
    await terminal.waitFor('[exit 0]');
    const painted = await terminal.screen({ escapes: true });
    expect(painted).toMatch(new RegExp(`${ESC}\\[[0-9;]*32m\\s*PASS`)); // green PASS
    await terminal.close();
    terminal = new TmuxSession();
    await terminal.start(`NO_COLOR=1 ${fmauth(`doctor ${url}`)}`);
    await terminal.waitFor('[exit 0]');
    const plain = await terminal.screen({ escapes: true });
    expect(plain).toMatch(/^PASS {2}connect/m);
    expect(plain).not.toMatch(new RegExp(`${ESC}\\[[0-9;]*3[12]m`));
  });
});
