import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ActiveRuleset, Ledger } from '@credence/ledger';
import { verdict } from '@credence/rules';
import { Roles } from '../../auth/roles';
import { type CommandContext, Context } from '../../http/command-context';
import { IdParam } from '../../http/id.pipe';
import { decorate } from '../../http/responses';
import { requestFromBody } from './routed-commands';
import { EvaluateDto, RulesetRefDto } from './rules.dto';

@ApiTags('rules')
@ApiBearerAuth()
@Controller()
export class RulesController {
  constructor(
    private readonly rulesets: ActiveRuleset,
    private readonly ledger: Ledger,
  ) {}

  @Get('rulesets')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  async list() {
    const active = await this.rulesets.current();
    return {
      active: active.stamp,
      rulesets: [...this.rulesets.registry.values()].map((r) => ({
        id: r.id,
        version: r.version,
        title: r.title,
        source: r.source,
        hash: r.hash,
        rules: r.rules.length,
        active: r === active,
      })),
    };
  }

  /** One loaded ruleset with every rule as written: id, severity, message, reference and its CEL. */
  @Get('rulesets/:id/:version')
  @Roles('admin', 'qa-body', 'issuer', 'auditor', 'regulator')
  one(@IdParam() id: string, @IdParam('version') version: string) {
    const r = this.rulesets.find(id, version);
    return {
      id: r.id,
      version: r.version,
      title: r.title,
      source: r.source,
      hash: r.hash,
      parameters: r.parameters,
      rules: r.rules,
    };
  }

  /** Recorded as RulesetActivated: every later decision names this ruleset and its hash. */
  @Post('rulesets/activation')
  @HttpCode(200)
  @Roles('admin', 'qa-body')
  async activate(
    @Body() body: RulesetRefDto,
    @Context() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.rulesets.activate(body.id, body.version, 'explicit', ctx.metadata);
    decorate(reply, { id: `${body.id}@${body.version}`, result });
    return { active: (await this.rulesets.current()).stamp };
  }

  /** A dry run: the findings a command would get, from the same command and facts as the real route. Appends nothing. */
  @Post('rules/evaluate')
  @HttpCode(200)
  @Roles('admin', 'qa-body', 'issuer', 'auditor')
  async evaluate(@Body() { ruleset: ref, command }: EvaluateDto, @Context() ctx: CommandContext) {
    const ruleset = ref ? this.rulesets.find(ref.id, ref.version) : await this.rulesets.current();
    const issuerId = ctx.metadata.principal.role === 'issuer' ? ctx.metadata.issuerId : command.issuerId;
    const actingFor = { ...ctx, metadata: { ...ctx.metadata, ...(issuerId ? { issuerId } : {}) } };
    const request = await requestFromBody(command.type, command.body, actingFor, {
      id: command.targetId,
      subId: command.accreditationId,
    });
    const { blocked, warnings } = verdict(ruleset.evaluate(await this.ledger.factsFor(request)));
    return {
      ruleset: ruleset.stamp,
      verdict: blocked.length > 0 ? 'refused' : 'accepted',
      blocked,
      warnings,
    };
  }
}
