package dev.adkstore.cli.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a byte stream line by line and decodes each line as strict UTF-8 on its own, so that bytes
 * that are not UTF-8 are reported with their line number (a decoding reader only says
 * "Input length = 1" for the whole stream). A line ends at {@code \n}; a {@code \r} before it is
 * dropped. Memory holds one line.
 *
 * <p>Not thread-safe.
 */
public final class Utf8LineReader implements Closeable {
  /** The longest line read: an export line holds at most one session, far below this. */
  static final int MAX_LINE_BYTES = 1 << 30;

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports errors
  private int position;
  private int limit;
  private byte[] line = new byte[1024];
  private int length;
  private long number;
  private long bytesRead;

  /**
   * Creates a reader.
   *
   * @param in the stream, which this reader now owns
   */
  public Utf8LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * Moves to the next line.
   *
   * @return false at the end of the stream
   * @throws IOException if reading fails or a line is longer than {@value #MAX_LINE_BYTES} bytes
   */
  public boolean next() throws IOException {
    length = 0;
    boolean started = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!started) {
          return false;
        }
        break;
      }
      started = true;
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      append(end - position);
      boolean complete = end < limit;
      bytesRead += end - position + (complete ? 1 : 0);
      position = complete ? end + 1 : end;
      if (complete) {
        break;
      }
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    number++;
    return true;
  }

  /**
   * The current line's number.
   *
   * @return the 1-based number
   */
  public long number() {
    return number;
  }

  /**
   * How many bytes were consumed up to the end of the current line, for progress.
   *
   * @return the byte count
   */
  public long bytesRead() {
    return bytesRead;
  }

  /**
   * Whether the current line holds only JSON white space.
   *
   * @return true for a blank line
   */
  public boolean isBlank() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes the current line.
   *
   * @return its text, without the line break
   * @throws IllegalArgumentException if it is not valid UTF-8, saying at which byte
   */
  public String text() {
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    CharBuffer chars = CharBuffer.allocate(length);
    decoder.reset();
    CoderResult result = decoder.decode(bytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      throw new IllegalArgumentException(
          "not UTF-8 text: invalid byte at byte " + (bytes.position() + 1) + " of the line");
    }
    return chars.flip().toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer);
    position = 0;
    limit = Math.max(read, 0);
    return read > 0;
  }

  private void append(int count) throws IOException {
    if (length + (long) count > MAX_LINE_BYTES) {
      throw new IOException("line " + (number + 1) + " is longer than " + MAX_LINE_BYTES + " bytes");
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(MAX_LINE_BYTES, Math.max(2L * line.length, length + count)));
    }
    System.arraycopy(buffer, position, line, length, count);
    length += count;
  }
}
