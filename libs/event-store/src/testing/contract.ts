import type { RecordedEvent } from '../envelope';
import type { EventStore } from '../event-store';
import { describeAppendContract } from './append.contract';
import { describeChainContract } from './chain.contract';
import { describeChangeMarkContract } from './change-mark.contract';
import type { ContractContext } from './fixtures';
import { describeHandleCommandContract } from './handle-command.contract';
import { describeReadContract } from './read.contract';
import { describeSubscribeContract } from './subscribe.contract';

/**
 * How the suite gets at an adapter. Only `open` is required; tests write to fresh random streams
 * and never assume an empty log, so a shared server works.
 */
export type EventStoreContractFactory = Readonly<{
  /** A ready store; called before every test and closed after it. */
  open: () => Promise<EventStore>;
  /** Closes `store` and opens the same storage again, as a restarted process would. */
  reopen?: (store: EventStore) => Promise<EventStore>;
  /** Changes one stored event's data behind the store's back (e.g. a direct UPDATE). */
  tamper?: (store: EventStore, event: RecordedEvent) => Promise<void>;
  /** Runs once after the suite, e.g. to remove temporary files. */
  cleanup?: () => Promise<void>;
}>;

/** Registers the behaviour every EventStore adapter must show. Tests needing a capability skip without it. */
export const describeEventStoreContract = (name: string, factory: EventStoreContractFactory): void => {
  describe(`EventStore contract: ${name}`, () => {
    let current: EventStore | undefined;
    const store = () => {
      if (!current) throw new Error('the contract store is not open');
      return current;
    };
    const { reopen, tamper } = factory;
    const context: ContractContext = {
      store,
      reopen: reopen && (async () => (current = await reopen(store()))),
      tamper: tamper && ((event) => tamper(store(), event)),
    };

    beforeEach(async () => {
      current = await factory.open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    afterAll(async () => {
      await factory.cleanup?.();
    });

    describeAppendContract(context);
    describeReadContract(context);
    describeChainContract(context);
    describeSubscribeContract(context);
    describeHandleCommandContract(context);
    describeChangeMarkContract(context);
  });
};
