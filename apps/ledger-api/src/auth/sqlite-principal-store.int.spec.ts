import { tempDir } from '@credence/event-store/testing';
import { hashToken } from './principal-store';
import { SqlitePrincipalStore } from './sqlite-principal-store';

/** Every request looks its token up here; the answer must follow writes made by any process at once. */
describe('SqlitePrincipalStore token lookups', () => {
  const dir = tempDir('principal-store');
  afterAll(() => dir.remove());

  const open = (path: string) => new SqlitePrincipalStore(path);
  const auditor = (store: SqlitePrincipalStore) =>
    store.create({ role: 'auditor', name: 'audit desk', now: '2026-01-01T00:00:00Z' });

  it('given a token found once, when another process disables its principal, then the next lookup says so', () => {
    const path = dir.nextFile('principals');
    const [here, elsewhere] = [open(path), open(path)];
    const { principal, token } = auditor(here);
    expect(here.findByTokenHash(hashToken(token))?.disabledAt).toBeUndefined();

    elsewhere.disable(principal.id, '2026-01-02T00:00:00Z');

    expect(here.findByTokenHash(hashToken(token))?.disabledAt).toBe('2026-01-02T00:00:00Z');
    here.onApplicationShutdown();
    elsewhere.onApplicationShutdown();
  });

  it('given a token found once, when this process rotates it, then the old token is unknown and the new one found', () => {
    const here = open(dir.nextFile('principals'));
    const { principal, token } = auditor(here);
    expect(here.findByTokenHash(hashToken(token))?.id).toBe(principal.id);

    here.replaceTokenHash(principal.id, hashToken('the-new-token'));

    expect(here.findByTokenHash(hashToken(token))).toBeUndefined();
    expect(here.findByTokenHash(hashToken('the-new-token'))?.tokenRotations).toBe(1);
    here.onApplicationShutdown();
  });

  it('given a token found once, when nothing was written since, then the same principal answers', () => {
    const here = open(dir.nextFile('principals'));
    const { principal, token } = auditor(here);
    const first = here.findByTokenHash(hashToken(token));

    expect(here.findByTokenHash(hashToken(token))).toBe(first);
    expect(first).toEqual(principal);
    here.onApplicationShutdown();
  });
});
