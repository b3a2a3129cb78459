package dev.adkstore.adk;

import dev.adkstore.api.AsyncAdkStore;

/** {@link AbstractRunnerIntegrationTest} on PostgreSQL, in a schema of its own. */
class PostgresRunnerIntegrationTest extends AbstractRunnerIntegrationTest {
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
