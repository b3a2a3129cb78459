package dev.adkstore.sqlite.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a DAO query whose purpose is to visit every row of a table (a count, an export of
 * everything), so that a full scan is what it must do. Every other query must be served by an
 * index; a test checks both with {@code EXPLAIN QUERY PLAN}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface VisitsEveryRow {
  /**
   * Why the query must visit every row.
   *
   * @return the reason
   */
  String value();
}
