package dev.adkstore.adk.internal;

import dev.adkstore.api.MemoryEntry;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a text as memory matches them (MEMORY Q2): runs of Unicode letters and digits,
 * compared case- and accent-insensitively, whole words only, no stemming. Every backend indexes
 * exactly these words, so every backend matches alike.
 *
 * <p>Folding is compatibility decomposition (NFKD), then dropping combining marks, then upper- and
 * lower-casing in the root locale, which also folds {@code ß} to {@code ss}: {@code CAFÉ},
 * {@code Café} and {@code cafe} are one word.
 *
 * <p>A word longer than {@link MemoryEntry#MAX_WORD_LENGTH} characters (a run of digits, a base64
 * blob) is no word anyone searches for, and no index holds it: it is left out of entries and
 * queries alike.
 *
 * <p>Stateless and thread-safe.
 */
public final class WordFolding {
  private WordFolding() {}

  /**
   * Every word of a text, folded, in order, repeats kept (they count for relevance).
   *
   * @param text the text
   * @return the words
   */
  public static List<String> words(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}+", "")
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    folded.codePoints().forEach(c -> {
      if (Character.isLetterOrDigit(c)) {
        word.appendCodePoint(c);
      } else {
        end(word, words);
      }
    });
    end(word, words);
    return words;
  }

  private static void end(StringBuilder word, List<String> words) {
    if (word.length() > 0 && word.length() <= MemoryEntry.MAX_WORD_LENGTH) {
      words.add(word.toString());
    }
    word.setLength(0);
  }

  /**
   * The words a query searches for (MEMORY Q3, Q8): of its first {@code maxCharacters}
   * characters, the distinct folded words that are not stop words, at most {@code maxWords}.
   *
   * @param query the query text
   * @param stopWords folded stop words
   * @param maxCharacters how much of the query is read
   * @param maxWords how many words are kept
   * @return the words, in order of first appearance
   */
  public static List<String> queryWords(String query, Set<String> stopWords, int maxCharacters, int maxWords) {
    String head = query.length() <= maxCharacters ? query : cutAtCodePoint(query, maxCharacters);
    Set<String> kept = new LinkedHashSet<>();
    for (String word : words(head)) {
      if (kept.size() == maxWords) {
        break;
      }
      if (!stopWords.contains(word)) {
        kept.add(word);
      }
    }
    return List.copyOf(kept);
  }

  private static String cutAtCodePoint(String text, int length) {
    int end = Character.isLowSurrogate(text.charAt(length)) && Character.isHighSurrogate(text.charAt(length - 1))
        ? length - 1
        : length;
    return text.substring(0, end);
  }
}
