package dev.adkstore.adk;

import dev.adkstore.api.AsyncAdkStore;

/** {@link AbstractMemoryRunnerIntegrationTest} on PostgreSQL, in a schema of its own. */
class PostgresMemoryRunnerIntegrationTest extends AbstractMemoryRunnerIntegrationTest {
  private final PostgresStorage storage = new PostgresStorage();

  @Override
  protected AsyncAdkStore newStore() {
    return storage.newStore();
  }

  @Override
  protected AsyncAdkStore reopenStore() {
    return storage.reopenStore();
  }

  @Override
  protected void releaseStorage() {
    storage.release();
  }
}
