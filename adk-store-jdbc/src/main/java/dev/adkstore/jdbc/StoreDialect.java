package dev.adkstore.jdbc;

import dev.adkstore.api.SchemaUpgrade;
import dev.adkstore.json.JsonCodec;

/**
 * What the core needs to know of a backend besides its statements and its engine.
 *
 * @param name the backend's name, for messages and stats ({@code sqlite}, {@code postgresql})
 * @param schemaVersion the schema version this code creates and reads
 * @param codec the JSON codec, with the configured limits
 * @param stateFormat how state documents are stored
 * @param errors the driver's failures classified
 * @param ownerColumn whether the sessions table has an owner column (owner ids are dropped if not)
 * @param migrations the schema migrations, with the configured names filled in
 * @param schemaUpgrade what {@code createTables()} does with an older schema
 */
public record StoreDialect(
    String name, int schemaVersion, JsonCodec codec, StateFormat stateFormat, SqlErrors errors,
    boolean ownerColumn, MigrationScripts migrations, SchemaUpgrade schemaUpgrade) {}
