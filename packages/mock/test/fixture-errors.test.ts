import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanJson } from '../src/fixture/json-locator.js';
import { FixtureError, loadFixtureFile, startMockServer } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fmauth-fixture-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'Qz7Xk-Wv9Jp';

/** Every piece of three characters or more of the secret: none may appear in a message. */
function expectNoPartOf(secret: string, text: string): void {
  for (let length = 3; length <= secret.length; length++) {
    for (let start = 0; start + length <= secret.length; start++) {
      const piece = secret.slice(start, start + length);
      expect(text.includes(piece), `the message shows "${piece}" of the secret:\n${text}`).toBe(false);
    }
  }
}

let count = 0;
function fixtureFile(text: string): string {
  const path = join(dir, `fixture-${++count}.json`);
  writeFileSync(path, text);
  return path;
}

/** A fixture whose lines are known: the account's password is on line 7. */
function fixtureText(passwordJson: string, extra = ''): string {
  return [
    '{',
    '  "databases": [',
    '    {',
    '      "name": "Inventory",',
    '      "accounts": [',
    '        { "name": "clerk",',
    `          "password": ${passwordJson},`,
    '          "active": true }',
    '      ],',
    '      "tables": [{ "name": "Items", "fields": [{ "name": "sku" }] }],',
    `      "layouts": [{ "name": "Items" }]${extra}`,
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');
}

function errorOf(action: () => unknown): FixtureError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError);
    return error as FixtureError;
  }
  throw new Error('no error');
}

describe('fixture JSON syntax errors name the file, line, column and field, never the text', () => {
  it('a password without its opening quote', () => {
    const path = fixtureFile(fixtureText(`${SECRET}"`));
    const error = errorOf(() => loadFixtureFile(path));
    expect(error.message).toContain(path);
    expect(error.problems).toEqual([
      `databases[0].accounts[0].password: not valid JSON: expected a value (a string in double quotes, a number, true, false, null, an object or an array); text must be in double quotes (at ${path}:7:23)`,
    ]);
    expectNoPartOf(SECRET, error.message);
  });

  it('a password without its closing quote', () => {
    const path = fixtureFile(fixtureText(`"${SECRET}`));
    const error = errorOf(() => loadFixtureFile(path));
    expect(error.problems[0]).toMatch(
      /^databases\[0\]\.accounts\[0\]\.password: not valid JSON: a line break or control character inside a string \(is its closing double quote missing\?\) \(at .+:7:\d+\)$/,
    );
    expectNoPartOf(SECRET, error.message);
  });

  it('a password without any quotes, on a one-line fixture', () => {
    const text = `{"databases":[{"name":"Inventory","accounts":[{"name":"clerk","password":${SECRET}}]}]}`;
    const path = fixtureFile(text);
    const error = errorOf(() => loadFixtureFile(path));
    expect(error.problems[0]).toContain(`databases[0].accounts[0].password: not valid JSON`);
    expect(error.problems[0]).toContain(`(at ${path}:1:${text.indexOf(SECRET) + 1})`);
    expectNoPartOf(SECRET, error.message);
  });

  it('other syntax errors: trailing comma, missing comma, end of file, garbage after the value', () => {
    const cases: Array<[string, RegExp]> = [
      [
        fixtureText(`"${SECRET}"`).replace('"active": true }', '"active": true, }'),
        /a comma before '\}'.*:8:\d+\)$/,
      ],
      [
        fixtureText(`"${SECRET}" "x"`),
        /^databases\[0\]\.accounts\[0\]\.password: not valid JSON: expected ',' or '\}'.*:7:\d+\)$/,
      ],
      [fixtureText(`"${SECRET}"`).slice(0, 200), /the file ends/],
      [
        `${fixtureText(`"${SECRET}"`)}x${SECRET}`,
        /^not valid JSON: more content after the end of the JSON value \(at .+:15:1\)$/,
      ],
      [fixtureText(`"${SECRET}\\q"`), /invalid escape sequence.*:7:\d+\)$/],
    ];
    for (const [text, expected] of cases) {
      const path = fixtureFile(text);
      const error = errorOf(() => loadFixtureFile(path));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(expected);
      expectNoPartOf(SECRET, error.message);
    }
  });

  it('accepts a byte order mark', () => {
    const path = fixtureFile(`\uFEFF${fixtureText('"clerk-pass"')}`);
    expect(loadFixtureFile(path).databases[0]?.name).toBe('Inventory');
  });
});

describe('fixture schema errors give the path and line, never the value received', () => {
  it('names each problem with its path and position; unknown keys by path', () => {
    const text = [
      '{',
      '  "databases": [',
      '    {',
      '      "name": "Inventory",',
      `      "accounts": [{ "name": "clerk", "password": "clerk-pass", "active": "${SECRET}" }],`,
      '      "tables": [{ "name": "Items", "fields": [{ "name": "sku" }], "records": [{ "sku": "A", "color": "red" }] }],',
      '      "layouts": [{ "name": "Items", "table": "Nope" }, { "name": "items" }]',
      '    }',
      '  ],',
      `  "clarisIdUsers": [{ "email": "ops@example.com", "password": "x", "totpSecret": "${SECRET}", "pasword": "${SECRET}" }],`,
      `  "options": { "cognito": { "userIdForSrp": "${SECRET}" } }`,
      '}',
    ].join('\n');
    const path = fixtureFile(text);
    const error = errorOf(() => loadFixtureFile(path));
    const at = (line: number) =>
      new RegExp(` \\(at ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+\\)$`);
    const problem = (prefix: string) => {
      const found = error.problems.find((p) => p.startsWith(prefix));
      expect(found, `no problem starting "${prefix}" in:\n${error.message}`).toBeDefined();
      return found as string;
    };
    expect(problem('databases[0].accounts[0].active: Invalid input: expected boolean')).toMatch(at(5));
    expect(problem('clarisIdUsers[0].totpSecret: must be base32')).toMatch(at(10));
    expect(problem('clarisIdUsers[0].pasword: not a known key')).toMatch(at(10));
    expect(problem('options.cognito.userIdForSrp: Invalid option')).toMatch(at(11));
    expectNoPartOf(SECRET, error.message);
  });

  it('the cross-checks name places, not values', () => {
    const text = [
      '{',
      '  "databases": [',
      '    {',
      '      "name": "Inventory",',
      '      "accounts": [{ "name": "Qz7Xk-one", "password": "a" }, { "name": "qz7xk-ONE", "password": "b" }],',
      '      "tables": [{ "name": "Items", "fields": [{ "name": "sku" }], "records": [{ "sku": "A", "Qz7Xk-field": "red" }] }],',
      '      "layouts": [{ "name": "Items", "table": "Qz7Xk-table" }]',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const path = fixtureFile(text);
    const error = errorOf(() => loadFixtureFile(path));
    expect(error.problems).toEqual(
      expect.arrayContaining([
        `databases[0].accounts[1].name: duplicate account name: the same as databases[0].accounts[0].name (case aside) (at ${path}:5:72)`,
        `databases[0].layouts[0].table: the layout shows a table that is not one of databases[0].tables (at ${path}:7:47)`,
        expect.stringMatching(
          /^databases\[0\]\.tables\[0\]\.records\[0\]\.Qz7Xk-field: not one of the table's fields \(databases\[0\]\.tables\[0\]\.fields\) \(at .+:6:\d+\)$/,
        ),
      ]),
    );
    // Names in a path are the one exception: a record's unknown field is named by its path.
    expect(error.message).not.toContain('Qz7Xk-one');
    expect(error.message).not.toContain('Qz7Xk-table');
  });
});

describe('an invalid fixture file through startMockServer()', () => {
  const path = () => fixtureFile(fixtureText(`${SECRET}"`));

  it('startMockServer({ fixture }) rejects with the file, line and field, and no part of the secret', async () => {
    const file = path();
    const error = await startMockServer({ fixture: file }).then(
      () => {
        throw new Error('started');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FixtureError);
    const { message } = error as FixtureError;
    expect(message).toContain(`${file}:7:23`);
    expect(message).toContain('databases[0].accounts[0].password');
    expectNoPartOf(SECRET, message);
  });
});

describe('scanJson', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    const samples = [
      '{}',
      '[]',
      ' {"a": [1, -2.5e+3, 0, true, false, null, "x\\n\\u00e9\\"", {}]} ',
      '"s"',
      '0',
      '-0.1E2',
      '{"a":1,}',
      '[1,]',
      '[1 2]',
      '{"a" 1}',
      '{a:1}',
      "{'a':1}",
      '01',
      '1.',
      '.5',
      '-',
      '1e',
      '+1',
      'tru',
      'nul',
      '"a\tb"',
      '"\\x"',
      '"\\u12G4"',
      '[',
      '{"a":',
      '"abc',
      '',
      '  ',
      '[] []',
      'NaN',
      '[1,,2]',
      '{"a":1 "b":2}',
    ];
    for (const sample of samples) {
      let parses = true;
      try {
        JSON.parse(sample);
      } catch {
        parses = false;
      }
      expect(scanJson(sample).ok, JSON.stringify(sample)).toBe(parses);
    }
  });

  it('locates values by path, and a missing member at its object', () => {
    const scan = scanJson('{\n  "a": [\n    1,\n    {"b\\n": "x"}\n  ]\n}');
    expect(scan.ok).toBe(true);
    if (!scan.ok) return;
    expect(scan.locate([])).toEqual({ line: 1, column: 1 });
    expect(scan.locate(['a'])).toEqual({ line: 2, column: 8 });
    expect(scan.locate(['a', 0])).toEqual({ line: 3, column: 5 });
    expect(scan.locate(['a', 1, 'b\n'])).toEqual({ line: 4, column: 13 });
    expect(scan.locate(['a', 1, 'missing'])).toEqual({ line: 4, column: 5 });
  });
});
