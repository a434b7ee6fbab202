/** The feed's topics. Names are versioned: a breaking change to a payload gets a new topic. */
export const LEDGER_TOPIC = 'credence.ledger.v1';
export const CREDENTIAL_STATUS_TOPIC = 'credence.credential-status.v1';
/** Signed checkpoints of the transparency log (C2SP signed notes), in tree-size order. */
export const CHECKPOINTS_TOPIC = 'credence.checkpoints.v1';
/** Signed Bitstring Status List credentials, keyed by list URL. */
export const STATUS_LISTS_TOPIC = 'credence.status-lists.v1';

export type FeedTopics = Readonly<{ ledger: string; credentialStatus: string }>;

/** A prefix keeps test runs (or tenants sharing a cluster) apart: `run42.credence.ledger.v1`. */
export const feedTopics = (prefix = ''): FeedTopics => ({
  ledger: `${prefix}${LEDGER_TOPIC}`,
  credentialStatus: `${prefix}${CREDENTIAL_STATUS_TOPIC}`,
});

/**
 * One partition, so checkpoints stay in tree-size order, kept forever: a witness joining late
 * can check every checkpoint ever published.
 */
export const checkpointsTopicSpec = (prefix: string, replicationFactor: number): TopicSpec => ({
  topic: `${prefix}${CHECKPOINTS_TOPIC}`,
  numPartitions: 1,
  replicationFactor,
  configEntries: [
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'retention.ms', value: '-1' },
  ],
});

/** Compacted: a reader converges to the newest version of each list (the key is its URL). */
export const statusListsTopicSpec = (prefix: string, replicationFactor: number): TopicSpec => ({
  topic: `${prefix}${STATUS_LISTS_TOPIC}`,
  numPartitions: 1,
  replicationFactor,
  configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
});

export type TopicLayout = Readonly<{ partitions: number; replicationFactor: number }>;

export type TopicSpec = Readonly<{
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  configEntries: readonly { name: string; value: string }[];
}>;

/**
 * The ledger topic keeps everything (retention -1): it is the regulator's replayable copy of the
 * log. The status topic is compacted, so it converges to one record per credential.
 */
export const topicSpecs = (topics: FeedTopics, layout: TopicLayout): TopicSpec[] => [
  {
    topic: topics.ledger,
    numPartitions: layout.partitions,
    replicationFactor: layout.replicationFactor,
    configEntries: [
      { name: 'cleanup.policy', value: 'delete' },
      { name: 'retention.ms', value: '-1' },
    ],
  },
  {
    topic: topics.credentialStatus,
    numPartitions: layout.partitions,
    replicationFactor: layout.replicationFactor,
    configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
  },
];
