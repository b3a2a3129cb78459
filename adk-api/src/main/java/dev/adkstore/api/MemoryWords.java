package dev.adkstore.api;

import java.util.List;

/** The rule for the words a memory entry or search carries: what a store can index and match. */
final class MemoryWords {
  private MemoryWords() {}

  /**
   * The longest word, in UTF-16 characters: at most 1,500 bytes of UTF-8, within every index's
   * limit (PostgreSQL's lexemes stop at 2,047 bytes).
   */
  static final int MAX_WORD_LENGTH = 500;

  static List<String> require(String field, List<String> words) {
    Identifiers.requireNonNull(field, words);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word == null || word.isEmpty()
          || word.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new InvalidArgumentException(
            field, "word " + i + " must be non-empty, without white space or control characters");
      }
      if (word.length() > MAX_WORD_LENGTH) {
        throw new InvalidArgumentException(
            field, "word " + i + " has " + word.length() + " characters, more than " + MAX_WORD_LENGTH);
      }
      Identifiers.requireWellFormed(field, word);
    }
    return List.copyOf(words);
  }
}
