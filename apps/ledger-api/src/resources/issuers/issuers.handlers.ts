import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { issuerDecider, type IssuerCommand, streamId } from '@credence/domain';
import { Ledger } from '@credence/ledger';
import type { CommandContext } from '../../http/command-context';
import type { Outcome } from '../../http/responses';
import type { AccreditIssuerDto, RegisterIssuerDto } from './issuers.dto';

type IssuerData<T extends IssuerCommand['type']> = Extract<IssuerCommand, { type: T }>['data'];

export class RegisterIssuerCommand extends Command<Outcome> {
  constructor(readonly body: RegisterIssuerDto, readonly ctx: CommandContext) {
    super();
  }
}

/** Accreditation commands share one shape: the issuer, an accreditation id, and the domain data. */
export class IssuerAccreditationCommand extends Command<Outcome> {
  constructor(
    readonly type: 'AccreditIssuer' | 'SuspendAccreditation' | 'WithdrawAccreditation',
    readonly issuerId: string,
    readonly accreditationId: string,
    readonly body: AccreditIssuerDto | { note?: string },
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterIssuerCommand)
export class RegisterIssuerHandler implements ICommandHandler<RegisterIssuerCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ body, ctx }: RegisterIssuerCommand): Promise<Outcome> {
    const issuerId = ctx.newId;
    const data: IssuerData<'RegisterIssuer'> = { issuerId, ...body };
    const command = { type: 'RegisterIssuer', data, metadata: ctx.metadata } as const;
    const result = await this.ledger.execute(issuerDecider, streamId('issuer', issuerId), command, ctx);
    return { id: issuerId, result };
  }
}

@CommandHandler(IssuerAccreditationCommand)
export class IssuerAccreditationHandler implements ICommandHandler<IssuerAccreditationCommand> {
  constructor(private readonly ledger: Ledger) {}

  async execute({ type, issuerId, accreditationId, body, ctx }: IssuerAccreditationCommand): Promise<Outcome> {
    const command = {
      type,
      data: { ...body, issuerId, accreditationId },
      metadata: ctx.metadata,
    } as IssuerCommand;
    const result = await this.ledger.execute(issuerDecider, streamId('issuer', issuerId), command, ctx);
    return { id: accreditationId, result };
  }
}
