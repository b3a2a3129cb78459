package dev.adkstore.api;

import java.util.Objects;

/**
 * An argument broke the contract: a null or blank id, an id too long, a negative limit, a state
 * value JSON cannot hold (STORE-CONTRACT B1 to B3, S8). The offending field is named, both in
 * {@link #field()} and in the message. Raised before anything is written.
 */
public class InvalidArgumentException extends AdkStoreException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the name or path of the offending field, such as {@code sessionId} or
   *     {@code state.nested.x}
   * @param problem what is wrong with it
   */
  public InvalidArgumentException(String field, String problem) {
    super(Objects.requireNonNull(field, "field") + ": " + problem);
    this.field = field;
  }

  /**
   * Creates the exception for a value the database refused, such as an owner id its constraints
   * reject.
   *
   * @param field the name or path of the offending field
   * @param problem what is wrong with it
   * @param cause the database's refusal
   */
  public InvalidArgumentException(String field, String problem, Throwable cause) {
    super(Objects.requireNonNull(field, "field") + ": " + problem, cause);
    this.field = field;
  }

  /**
   * Returns the name or path of the offending field.
   *
   * @return the field, never null
   */
  public String field() {
    return field;
  }
}
