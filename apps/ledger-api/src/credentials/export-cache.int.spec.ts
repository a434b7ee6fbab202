import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignedExportCache, type SignedExport } from './export-cache';

const exportNamed = (name: string): SignedExport => ({
  json: { id: 'urn:uuid:c-1', name, proof: [{ type: 'DataIntegrityProof' }] },
  jwt: `jwt-${name}`,
});

describe('SignedExportCache', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'export-cache-'));
    path = join(dir, 'credential-exports.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('signs a first export once for concurrent requests, and serves the stored one after', async () => {
    // Given an empty cache and a signer that counts its calls
    const cache = new SignedExportCache(path);
    let signings = 0;
    const sign = async () => {
      signings += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return exportNamed(`signed-${signings}`);
    };

    // When eight requests ask for the same export at once, and one more afterwards
    const first = await Promise.all(Array.from({ length: 8 }, () => cache.getOrSign('c-1', 'k1', sign)));
    const later = await cache.getOrSign('c-1', 'k1', sign);

    // Then it was signed once and every answer is that export
    expect(signings).toBe(1);
    expect(new Set([...first, later].map((e) => e.jwt))).toEqual(new Set(['jwt-signed-1']));
    cache.close();
  });

  it('given one export more than it keeps parsed, forgets the least recently used and reads it from the file again', async () => {
    // Given a cache that keeps two parsed exports, and three credentials exported through it
    const cache = new SignedExportCache(path, 2);
    const given: SignedExport[] = [];
    for (const id of ['c-1', 'c-2', 'c-3'])
      given.push(await cache.getOrSign(id, 'k1', async () => exportNamed(id)));

    // When the first and the last are asked for again
    const [reread] = cache.exportsOf('c-1');
    const [kept] = cache.exportsOf('c-3');

    // Then the first is a new object parsed again from its stored row, exactly as signed; the last is the one kept
    expect(reread).not.toBe(given[0]);
    expect(reread).toEqual(exportNamed('c-1'));
    expect(Object.isFrozen(reread.json)).toBe(true);
    expect(kept).toBe(given[2]);
    cache.close();
  });

  it('hands out a frozen export, so no reader can change what the next one gets', async () => {
    const cache = new SignedExportCache(path);
    const stored = await cache.getOrSign('c-1', 'k1', async () => exportNamed('original'));

    expect(() => {
      (stored.json as Record<string, unknown>).name = 'changed';
    }).toThrow(TypeError);
    expect(() => (stored.json.proof as unknown[]).push({})).toThrow(TypeError);
    expect((await cache.getOrSign('c-1', 'k1', async () => exportNamed('other'))).json.name).toBe('original');
    cache.close();
  });

  it('finds an export another connection stored after this one had read the credential', async () => {
    // Given a cache that has read the credential's one export
    const reader = new SignedExportCache(path);
    await reader.getOrSign('c-1', 'k1', async () => exportNamed('first key'));
    expect(reader.exportsOf('c-1')).toHaveLength(1);

    // When another process signs it with a new key
    const other = new SignedExportCache(path);
    await other.getOrSign('c-1', 'k2', async () => exportNamed('second key'));

    // Then the first cache lists both, and answers the new key without signing
    expect(reader.exportsOf('c-1').map((e) => e.json.name)).toEqual(['first key', 'second key']);
    const signed = await reader.getOrSign('c-1', 'k2', () => Promise.reject(new Error('must not sign')));
    expect(signed.json.name).toBe('second key');
    other.close();
    reader.close();
  });

  it('knows its stored exports by identity: not what a signer returned, nor an equal copy', async () => {
    // Given an export signed and stored
    const cache = new SignedExportCache(path);
    const signed = exportNamed('original');
    const stored = await cache.getOrSign('c-1', 'k1', async () => signed);

    // Then only the object read back from the file counts as stored
    expect(cache.isStored(stored.json)).toBe(true);
    expect(cache.isStored(signed.json)).toBe(false);
    expect(cache.isStored(structuredClone(stored.json))).toBe(false);
    cache.close();
  });
});
