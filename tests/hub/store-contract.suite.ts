import { afterEach, describe } from 'vitest';
import type { HubStore } from '../../src-server/store/contract';
import { describeConnectorContract } from './store-contract-connectors';
import { describePullContract } from './store-contract-pull';
import { describeRecordsContract } from './store-contract-records';
import { describeWriteContract } from './store-contract-writes';

export interface StoreOpeners {
  /** A new, empty, migrated store. */
  fresh(): Promise<HubStore>;
  /** Another store on the same data as `store` (after `store` is closed: a restart). */
  again(store: HubStore): Promise<HubStore>;
}

/**
 * The one suite every HubStore must pass (tests/hub/store-sqlite.test.ts and
 * store-postgres.test.ts run it). `openAgain` opens a second store on the same data as a store
 * `openFresh` made; every store opened is closed after its test.
 */
export function describeStoreContract(label: string, openFresh: () => Promise<HubStore>, openAgain: (store: HubStore) => Promise<HubStore>): void {
  describe(`hub store contract (${label})`, () => {
    const open: HubStore[] = [];
    const track = (store: HubStore) => (open.push(store), store);
    const openers: StoreOpeners = {
      fresh: async () => track(await openFresh()),
      again: async (store) => track(await openAgain(store)),
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    describeWriteContract(openers);
    describePullContract(openers);
    describeRecordsContract(openers);
    describeConnectorContract(openers);
  });
}
