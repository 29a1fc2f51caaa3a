import { DataApi, FileMakerError } from '@proofkit/fmdapi';
import { describe, expect, it } from 'vitest';
import { useAdapterMock } from './support/mock.js';

describe('executeScript through FmAuthAdapter (the mock runs the fixture scripts)', () => {
  const mock = useAdapterMock();

  it('runs a script with a parameter and returns its result; a script error comes back as scriptError', async () => {
    const adapter = mock.fmsAdapter();
    const api = DataApi({ adapter, layout: 'Contacts' });
    await expect(
      api.executeScript({ script: 'Echo', scriptParam: 'hello & goodbye' }),
    ).resolves.toMatchObject({
      scriptResult: 'hello & goodbye',
      scriptError: '0',
    });
    await expect(api.executeScript({ script: 'Greeting' })).resolves.toMatchObject({
      scriptResult: 'Hello from the fmauth mock',
      scriptError: '0',
    });
    await expect(api.executeScript({ script: 'Fails' })).resolves.toMatchObject({ scriptError: '5' });
    const { scripts } = await adapter.scripts();
    expect(scripts.map((script) => script.name)).toEqual(['Echo', 'Greeting', 'Fails']);
    expect(await mock.stats('filemakerServer')).toMatchObject({ successfulLogins: 1 });
  });

  it('a missing script: scriptError "104", or FileMaker error 104 when the server answers with an error [guess]', async () => {
    const api = DataApi({ adapter: mock.fmsAdapter(), layout: 'Contacts' });
    await expect(api.executeScript({ script: 'Nope' })).resolves.toMatchObject({ scriptError: '104' });
    await mock.control.setOptions({ dataApi: { missingScriptAnswer: 'error' } });
    await expect(api.executeScript({ script: 'Nope' })).rejects.toSatisfy(
      (error) => error instanceof FileMakerError && error.code === '104',
    );
  });
});
