package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.cli.internal.Utf8LineReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {
  /** Reads every line as "number:text:bytesRead", blank lines as "number:blank:bytesRead". */
  private static List<String> read(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Utf8LineReader reader = new Utf8LineReader(in)) {
      while (reader.next()) {
        lines.add(reader.number() + ":" + (reader.isBlank() ? "blank" : reader.text()) + ":" + reader.bytesRead());
      }
    }
    return lines;
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsAtLineFeedsDropsCarriageReturnsAndKeepsALastLineWithoutBreak() throws IOException {
    assertThat(read(bytes("a\r\nbé\n \t\nlast")))
        .containsExactly("1:a:3", "2:bé:7", "3:blank:10", "4:last:14");
    assertThat(read(bytes("only\n"))).containsExactly("1:only:5");
    assertThat(read(bytes(""))).isEmpty();
  }

  @Test
  void readsLinesLongerThanItsBufferAcrossReads() throws IOException {
    String longLine = "x".repeat(200_000);
    // A stream that hands out at most 7 bytes per read, as a pipe may.
    InputStream trickle = new ByteArrayInputStream((longLine + "\nnext\n").getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };

    assertThat(read(trickle)).containsExactly("1:" + longLine + ":200001", "2:next:200006");
  }

  @Test
  void saysAtWhichByteALineIsNotUtf8() throws IOException {
    byte[] input = {'o', 'k', '\n', 'a', 'b', (byte) 0xFC, 'c', '\n', 'f', 'i', 'n', 'e'};
    try (Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(input))) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.text()).isEqualTo("ok");
      assertThat(reader.next()).isTrue();
      assertThatThrownBy(reader::text).hasMessage("not UTF-8 text: invalid byte at byte 3 of the line");
      assertThat(reader.next()).isTrue();
      assertThat(reader.text()).isEqualTo("fine");
      assertThat(reader.next()).isFalse();
    }
  }
}
