import { Injectable } from '@nestjs/common';
import {
  type CommandMetadata,
  notFound,
  PRINCIPALS_STREAM,
  type PrincipalRecord,
  principalsDecider,
  type Role,
} from '@credence/domain';
import { uuidFromSeed } from '@credence/event-store';
import { Ledger } from '@credence/ledger';
import { hashToken, newToken, PrincipalStore, type StoredPrincipal } from './principal-store';

export type NewPrincipal = Readonly<{
  id: string;
  role: Role;
  issuerId?: string;
  qaBodyId?: string;
  name: string;
  expiresAt?: string;
}>;

const RECONCILER = { id: 'system:principal-reconciliation', role: 'admin' } as const;

/**
 * A creation logged this recently may still be on its way to the store in another process (it
 * appends, then inserts, within milliseconds): reconciliation leaves it to a later start.
 */
const IN_FLIGHT_MS = 60_000;

/**
 * Grants and withdrawals of access: recorded on the `principals` stream first, then applied to the
 * principal store, which keeps the token hashes. Log first, so the store never holds access the log
 * does not know of; a crash between the two leaves the log ahead, and `reconcile` (run at start-up)
 * brings the store to it. Each step is idempotent by principal id, so a retry is safe.
 */
@Injectable()
export class PrincipalAccess {
  constructor(
    private readonly ledger: Ledger,
    private readonly store: PrincipalStore,
  ) {}

  /** Returns the token: the only time it exists outside the caller. A retry after a crash completes it. */
  async create(principal: NewPrincipal, metadata: CommandMetadata) {
    const { id: principalId, ...details } = principal;
    await this.ledger.handle({ type: 'CreatePrincipal', data: { principalId, ...details }, metadata });
    const token = newToken();
    if (this.store.findById(principalId)) this.store.replaceTokenHash(principalId, hashToken(token));
    else this.store.insert({ ...principal, createdAt: metadata.now, tokenRotations: 0 }, hashToken(token));
    return { principal: this.existing(principalId), token };
  }

  async disable(principalId: string, metadata: CommandMetadata): Promise<StoredPrincipal> {
    this.existing(principalId);
    const { state } = await this.ledger.handle({
      type: 'DisablePrincipal',
      data: { principalId, reason: 'withdrawn' },
      metadata,
    });
    this.store.disable(principalId, state.principals[principalId]?.disabledAt ?? metadata.now);
    return this.existing(principalId);
  }

  async rotate(principalId: string, metadata: CommandMetadata) {
    this.existing(principalId);
    await this.ledger.handle({ type: 'RotatePrincipalToken', data: { principalId }, metadata });
    const token = newToken();
    this.store.replaceTokenHash(principalId, hashToken(token));
    return { principal: this.existing(principalId), token };
  }

  /**
   * Makes store and log agree, by principal id. Where the log is ahead (a crash after the append):
   * a creation never stored is recorded as disabled (`not-stored`: its token was never shown), a
   * disabling is applied, and a rotation replaces the hash by one nobody knows (the new token was never
   * shown; the old one must stop working, as the log says). Where the store is ahead (the bootstrap
   * admin, principals from before the log recorded access, a token replaced by CREDENCE_ADMIN_TOKEN),
   * the log records it. Command ids are derived from the change, so two processes reconciling at once
   * append each change once.
   */
  async reconcile(now: string): Promise<void> {
    const { state } = await this.ledger.load(principalsDecider, PRINCIPALS_STREAM);
    for (const logged of Object.values(state.principals)) {
      const stored = this.store.findById(logged.principalId);
      if (!stored) {
        const settled = Date.parse(now) - Date.parse(logged.createdAt) > IN_FLIGHT_MS;
        if (!logged.disabledAt && settled) await this.record(logged.principalId, 'not-stored', now, 0);
        continue;
      }
      if (logged.disabledAt && !stored.disabledAt) this.store.disable(stored.id, logged.disabledAt);
      for (let n = stored.tokenRotations; n < logged.rotations; n++)
        this.store.replaceTokenHash(stored.id, hashToken(newToken()));
    }
    for (const stored of this.store.list()) {
      const logged = state.principals[stored.id];
      if (!logged) await this.recordCreation(stored);
      for (let n = logged?.rotations ?? 0; n < stored.tokenRotations; n++)
        await this.record(stored.id, 'rotated', now, n);
      if (stored.disabledAt && !logged?.disabledAt)
        await this.record(stored.id, 'withdrawn', stored.disabledAt, 0);
    }
  }

  private recordCreation(stored: StoredPrincipal) {
    const { id: principalId, role, issuerId, qaBodyId, name, expiresAt } = stored;
    const details: Omit<PrincipalRecord, 'createdAt' | 'rotations'> = {
      principalId,
      role,
      ...(issuerId ? { issuerId } : {}),
      ...(qaBodyId ? { qaBodyId } : {}),
      name,
      ...(expiresAt ? { expiresAt } : {}),
    };
    return this.ledger.handle({
      type: 'CreatePrincipal',
      data: details,
      metadata: this.reconciling(`${principalId}\u0000created`, stored.createdAt),
    });
  }

  private record(principalId: string, change: 'not-stored' | 'withdrawn' | 'rotated', at: string, n: number) {
    const metadata = this.reconciling(`${principalId}\u0000${change}\u0000${n}`, at);
    return change === 'rotated'
      ? this.ledger.handle({ type: 'RotatePrincipalToken', data: { principalId }, metadata })
      : this.ledger.handle({ type: 'DisablePrincipal', data: { principalId, reason: change }, metadata });
  }

  private reconciling(seed: string, now: string): CommandMetadata {
    const commandId = uuidFromSeed(`principal-reconciliation\u0000${seed}`);
    return { commandId, principal: RECONCILER, now, correlationId: commandId, causationId: commandId };
  }

  private existing(id: string): StoredPrincipal {
    const principal = this.store.findById(id);
    if (!principal) throw notFound('principal.not-found', `Principal ${id} is unknown`);
    return principal;
  }
}
