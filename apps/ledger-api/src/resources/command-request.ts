import type { CredenceCommandType } from '@credence/domain';
import type { CommandRequest } from '@credence/ledger';
import type { CommandContext } from '../http/command-context';
import { RequestValidationError } from '../http/problem';

/** The ids a command route takes from its path: the resource, and an accreditation under an issuer. */
export type RouteIds = Readonly<{ id?: string; subId?: string }>;

/** Maps a validated body (and the route's ids) to the typed domain command it asks for. */
export type ToRequest<T extends CredenceCommandType, Body> = (
  body: Body,
  ctx: CommandContext,
  route: RouteIds,
) => CommandRequest<T>;

/** A route always has its id; a dry run names it in `command.targetId`, and may forget it. */
export const routeId = (route: RouteIds): string => {
  if (!route.id)
    throw new RequestValidationError([
      { field: 'command.targetId', messages: ['is required for a command on an existing resource'] },
    ]);
  return route.id;
};
