import { statSync } from 'node:fs';
import { tempDir } from '@credence/event-store/testing';
import { NoteError } from '../note/signed-note';
import { loadLogSigner, logKeyPath } from './log-key';

const dir = tempDir('log-key');
afterAll(() => dir.remove());

describe('The log key', () => {
  it('is generated once on first start, readable by its owner only, and reused afterwards', () => {
    const dataDir = `${dir.path}/first`;
    const first = loadLogSigner({ dataDir, origin: 'ledger.example/log' });
    const again = loadLogSigner({ dataDir, origin: 'ledger.example/log' });
    expect([first.generated, again.generated]).toEqual([true, false]);
    expect(again.signer.vkey).toBe(first.signer.vkey);
    expect(statSync(logKeyPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(first.signer.vkey).toMatch(/^ledger\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
  });

  it('comes from CREDENCE_LOG_KEY when given, as hex or base64 of the same seed', () => {
    const seed = Buffer.alloc(32, 7);
    const fromHex = loadLogSigner({ dataDir: `${dir.path}/env`, origin: 'o', seed: seed.toString('hex') });
    const fromBase64 = loadLogSigner({
      dataDir: `${dir.path}/env`,
      origin: 'o',
      seed: seed.toString('base64'),
    });
    expect(fromHex.signer.vkey).toBe(fromBase64.signer.vkey);
    expect(fromHex.generated).toBe(false);
  });

  it('refuses a seed that is not 32 bytes', () => {
    expect(() => loadLogSigner({ dataDir: dir.path, origin: 'o', seed: 'abcd' })).toThrow(NoteError);
  });
});
