package dev.adkstore.api;

import java.util.List;

/** The rule for the words a memory entry or search carries: what a store can index and match. */
final class MemoryWords {
  private MemoryWords() {}

  static List<String> require(String field, List<String> words) {
    Identifiers.requireNonNull(field, words);
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word == null || word.isEmpty()
          || word.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new InvalidArgumentException(
            field, "word " + i + " must be non-empty, without white space or control characters");
      }
      Identifiers.requireWellFormed(field, word);
    }
    return List.copyOf(words);
  }
}
