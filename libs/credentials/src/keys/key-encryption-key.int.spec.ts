import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEK_FILE_NAME, loadKeyEncryptionKey } from './key-encryption-key';
import { open, seal } from './key-encryption';

describe('the key-encryption key', () => {
  let dataDir: string;
  let warnings: string[];
  const warn = (message: string) => warnings.push(message);
  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'credence-kek-')), 'data');
    warnings = [];
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when unset, is generated once into the data dir with mode 0600, with a warning, and reused after', () => {
    const first = loadKeyEncryptionKey({ dataDir, warn });
    const second = loadKeyEncryptionKey({ dataDir, warn });

    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(true);
    expect(statSync(join(dataDir, KEK_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(join(dataDir, KEK_FILE_NAME), 'utf8'), 'base64').equals(first)).toBe(
      true,
    );
    expect(warnings).toEqual([expect.stringContaining('CREDENCE_KEY_ENCRYPTION_KEY is unset')]);
  });

  it('when configured, is that key (base64 or base64url), and no file is written', () => {
    const key = randomBytes(32);

    expect(loadKeyEncryptionKey({ configured: key.toString('base64url'), dataDir, warn }).equals(key)).toBe(
      true,
    );
    expect(loadKeyEncryptionKey({ configured: key.toString('base64'), dataDir, warn }).equals(key)).toBe(
      true,
    );
    expect(() => statSync(join(dataDir, KEK_FILE_NAME))).toThrow(/ENOENT/);
    expect(warnings).toEqual([]);
  });

  it('refuses a configured key of the wrong length', () => {
    expect(() =>
      loadKeyEncryptionKey({ configured: randomBytes(16).toString('base64'), dataDir, warn }),
    ).toThrow(/must be 32 bytes/);
  });

  it('seals with AES-256-GCM: a flipped bit, another context or another key fails to open', () => {
    const kek = randomBytes(32);
    const sealed = seal(kek, 'secret', 'iss-1\nk1\nEd25519');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;

    expect(open(kek, sealed, 'iss-1\nk1\nEd25519')).toBe('secret');
    expect(() => open(kek, flipped, 'iss-1\nk1\nEd25519')).toThrow();
    expect(() => open(kek, sealed, 'iss-2\nk1\nEd25519')).toThrow();
    expect(() => open(randomBytes(32), sealed, 'iss-1\nk1\nEd25519')).toThrow();
  });
});
