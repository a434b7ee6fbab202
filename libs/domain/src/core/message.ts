/** Plain, serialisable messages. Type names are stable strings, never class names. */

export type Role = 'admin' | 'qa-body' | 'issuer' | 'auditor' | 'regulator' | 'metrics';

export type Principal = Readonly<{
  id: string;
  role: Role;
  /** Present only for role `issuer`: the one issuer this principal may act for. */
  issuerId?: string;
  /** Present only for role `qa-body`: the one QA body this principal acts for. */
  qaBodyId?: string;
}>;

/** A warn-level finding carried on accepted events so auditors see what was tolerated. */
export type Finding = Readonly<{
  ruleId: string;
  severity: 'block' | 'warn';
  message: string;
  reference?: string;
}>;

/** Which ruleset made a decision, so it can be explained and re-checked later. */
export type RulesetStamp = Readonly<{
  id: string;
  version: string;
  hash: string;
}>;

/** Everything non-deterministic arrives here; deciders never read clocks or generate ids. */
export type CommandMetadata = Readonly<{
  commandId: string;
  principal: Principal;
  /** The issuer the command acts for (the principal's binding for issuers). */
  issuerId?: string;
  /** RFC 3339 instant the command was accepted. */
  now: string;
  correlationId: string;
  causationId: string;
  ruleset?: RulesetStamp;
  findings?: readonly Finding[];
}>;

/** Events copy the command metadata verbatim: provenance for auditors. */
export type EventMetadata = CommandMetadata;

export type Command<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;

export type Event<Type extends string, Data> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

export type AnyEvent = Event<string, unknown>;
