import { Client } from '@elastic/elasticsearch';
import { afterAll, describe } from 'vitest';
import { describeSearchStoreContract } from '../testing/search-store.contract.js';
import { type ElasticsearchStore, openElasticsearchStore } from './elasticsearch-store.js';

const url = process.env.ELASTICSEARCH_URL;
if (!url) {
  console.warn(
    'SearchStore contract: elasticsearch NOT RUN — set ELASTICSEARCH_URL (e.g. http://localhost:9200, see docker-compose.yml) to run it.',
  );
}

describe.skipIf(!url)('Elasticsearch adapter', () => {
  // One client for the suite: stores given a client leave it open when closed.
  const client = url ? new Client({ node: url }) : null;
  const opened: ElasticsearchStore[] = [];
  const run = `jarida-test-${process.pid}-${Date.now()}`;
  afterAll(async () => {
    for (const store of opened) await store.destroy();
    await client?.close();
  });
  describeSearchStoreContract('elasticsearch', async () => {
    // A fresh, empty set of indices per test; removed after the suite.
    const store = await openElasticsearchStore({
      node: url!,
      client: client!,
      indexPrefix: `${run}-${opened.length}`,
    });
    opened.push(store);
    return store;
  });
});
