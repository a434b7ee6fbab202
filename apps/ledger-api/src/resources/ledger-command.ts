import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Ledger } from '@credence/ledger';
import type { Outcome } from '../http/responses';
import { type PlanInput, PLANS } from './plans';

/** One request to change the ledger: a domain command type and what the controller received. */
export class LedgerCommand extends Command<Outcome> {
  constructor(
    readonly type: keyof typeof PLANS & string,
    readonly input: PlanInput,
  ) {
    super();
  }
}

/** The thin shell over the one command path: plan (load related state), then Ledger.execute. */
@CommandHandler(LedgerCommand)
export class LedgerCommandHandler implements ICommandHandler<LedgerCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ type, input }: LedgerCommand): Promise<Outcome> {
    const plan = await PLANS[type](this.ledger, input);
    const result = await this.ledger.execute(plan.decider, plan.streamId, plan.command, input.ctx);
    return { id: plan.id, result };
  }
}
