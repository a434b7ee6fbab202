import { join } from 'node:path';
import { TypeSchemas, type JsonSchema } from './schema-from-types';

export type EventSchema = Readonly<{ type: string; description?: string; data: JsonSchema }>;

export type FeedSchemas = Readonly<{
  events: EventSchema[];
  envelope: JsonSchema;
  metadata: JsonSchema;
  credentialStatus: JsonSchema;
}>;

/** Reads every schema the feed documents from the source types in one TypeScript program. */
export const readFeedSchemas = (repoRoot: string): FeedSchemas => {
  const file = (path: string) => join(repoRoot, path);
  const files = {
    events: file('libs/domain/src/events.ts'),
    message: file('libs/domain/src/core/message.ts'),
    envelope: file('libs/event-store/src/envelope.ts'),
    status: file('libs/feed/src/credential-status.ts'),
  };
  const types = new TypeSchemas(Object.values(files), file('tsconfig.json'));
  const union = types.exportedType(files.events, 'CredenceEvent');
  if (!union.isUnion()) throw new Error('CredenceEvent is expected to be a union of event types');
  const eventFiles = types.files(/libs\/domain\/src\/[^/]+\/events\.ts$/);
  const events = union.types.map((member): EventSchema => {
    const tag = types.property(member, 'type');
    if (!tag.isStringLiteral()) throw new Error('An event type must be a string literal');
    return {
      type: tag.value,
      // The union members lost their alias names; by convention the alias is named like the type.
      description: types.describeExport(eventFiles, tag.value),
      data: types.toSchema(types.property(member, 'data')),
    };
  });
  return {
    events,
    envelope: types.toSchema(types.exportedType(files.envelope, 'RecordedEvent')),
    metadata: types.toSchema(types.exportedType(files.message, 'EventMetadata')),
    credentialStatus: types.toSchema(types.exportedType(files.status, 'CredentialStatusRecord')),
  };
};
