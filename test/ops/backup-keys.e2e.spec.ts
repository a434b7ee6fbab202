import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, jwtVerify } from 'jose';
import { VC_JWT_MEDIA_TYPE } from '@credence/credentials';
import { spawnApi } from '../support/api-process';
import { runCli } from '../support/cli-process';
import {
  accreditedIssuer,
  assessmentBody,
  credentialBody,
  expectCreated,
  specificationBody,
} from '../support/fixtures';
import { startLedger, type TestLedger } from '../support/ledger-app';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('credence backup and restore keep the keys the data dir signs with', () => {
  const work = mkdtempSync(join(tmpdir(), 'credence-backup-keys-'));
  const backupDir = join(work, 'backup');
  const restoredDir = join(work, 'restored');
  let ledger: TestLedger;
  afterAll(async () => {
    await ledger?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('an API on the restored data dir signs an export with the issuer key published before the backup', async () => {
    // Given an issuer whose keys exist (its P-256 key is published) and a credential never exported yet,
    ledger = await startLedger();
    const world = await accreditedIssuer(ledger);
    const asIssuer = (path: string, body: unknown) =>
      ledger.request('POST', path, { token: world.issuerToken, body });
    const specificationId = expectCreated(await asIssuer('/v1/specifications', specificationBody));
    const assessmentId = expectCreated(await asIssuer('/v1/assessments', assessmentBody(specificationId)));
    const credentialId = expectCreated(
      await asIssuer('/v1/credentials', credentialBody(specificationId, [assessmentId])),
    );
    const published = await ledger.request('GET', `/issuers/${world.issuerId}/keys/p256-1.jwk`);
    expect(published.status).toBe(200);

    // when the data dir is backed up and restored into a new one,
    const backup = await runCli(['backup', backupDir], { CREDENCE_DATA_DIR: ledger.dataDir });
    expect(backup.code).toBe(0);
    const restore = await runCli(['restore', backupDir, '--to', restoredDir]);
    expect(restore.code).toBe(0);

    // then the key-encryption key travels with it, readable by its owner only, in the backup and after,
    for (const dir of [backupDir, restoredDir]) expect(modeOf(join(dir, 'key-encryption.key'))).toBe(0o600);
    expect(modeOf(backupDir)).toBe(0o700);
    expect(backup.output).toContain('key-encryption.key');
    // and the restored API signs the credential with the key a verifier already trusts.
    const api = await spawnApi(restoredDir, { LOG_LEVEL: 'warn' });
    try {
      const exported = await api.request('GET', `/v1/credentials/${credentialId}/ob3`, {
        token: world.issuerToken,
        headers: { accept: VC_JWT_MEDIA_TYPE },
      });
      expect(exported.status).toBe(200);
      const { payload, protectedHeader } = await jwtVerify(
        exported.body as string,
        await importJWK(published.body, 'ES256'),
      );
      expect(protectedHeader.kid).toContain('p256-1');
      expect(JSON.stringify(payload)).toContain(credentialId);
    } finally {
      api.process.kill('SIGTERM');
      await api.exited;
    }
  });
});
