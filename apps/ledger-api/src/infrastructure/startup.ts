import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@credence/event-store';
import { ActiveRuleset, LedgerReactor } from '@credence/ledger';
import { ensureBootstrapAdmin } from '../auth/bootstrap-admin';
import { PrincipalAccess } from '../auth/principal-access';
import { PrincipalStore } from '../auth/principal-store';
import { LedgerConfig } from '../config';

const SYSTEM = { id: 'system:startup', role: 'admin' } as const;

export const parseDefaultRuleset = (key: string): { id: string; version: string } => {
  const at = key.lastIndexOf('@');
  if (at <= 0 || at === key.length - 1)
    throw new Error(`CREDENCE_DEFAULT_RULESET must be id@version; got ${key}`);
  return { id: key.slice(0, at), version: key.slice(at + 1) };
};

/** Start-up work that must finish before the API serves, and the background work it owns. */
@Injectable()
export class Startup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Startup');

  constructor(
    private readonly config: LedgerConfig,
    private readonly principals: PrincipalStore,
    private readonly access: PrincipalAccess,
    private readonly rulesets: ActiveRuleset,
    private readonly reactor: LedgerReactor,
    private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date().toISOString();
    ensureBootstrapAdmin(this.principals, this.config.adminToken, now);
    const { id, version } = parseDefaultRuleset(this.config.defaultRuleset);
    const commandId = randomUUID();
    const metadata = { commandId, principal: SYSTEM, now, correlationId: commandId, causationId: commandId };
    // Recorded as an event on a new ledger; a ledger with an active ruleset keeps it.
    await this.rulesets.activate(id, version, 'startup-default', metadata);
    // After the ruleset: access changes pass the rules gate like every command.
    await this.access.reconcile(now);
    const active = await this.rulesets.current();
    this.logger.log(`Active ruleset ${active.id}@${active.version} (${active.hash.slice(0, 12)}…)`);
    // One reactor per deployment: a cluster's followers leave it to the leader.
    if (this.config.background) this.reactor.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactor.stop();
    await this.store.close();
  }
}
