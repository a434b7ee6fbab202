/** Stream naming: `<category>-<id>`. One place, so the API, projector and relay agree. */
export const STREAM_CATEGORIES = [
  'issuer',
  'qa-body',
  'specification',
  'assessment',
  'credential',
  'pathway',
  'stack',
  'compliance',
  'rulesets',
  'status-index',
  'principals',
] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

export const streamId = (category: StreamCategory, id: string): string => `${category}-${id}`;

export const RULESETS_STREAM = 'rulesets';

/** Who was given which access, and when it was withdrawn: one stream, so it reads as one history. */
export const PRINCIPALS_STREAM = 'principals';

export const categoryOf = (stream: string): StreamCategory | undefined =>
  STREAM_CATEGORIES.find((c) => stream === c || stream.startsWith(`${c}-`));

export const idOf = (stream: string): string => {
  const category = categoryOf(stream);
  return category && stream.length > category.length ? stream.slice(category.length + 1) : stream;
};
