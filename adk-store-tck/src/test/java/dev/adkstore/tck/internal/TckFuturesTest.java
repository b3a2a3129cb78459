package dev.adkstore.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.NotFoundException;
import dev.adkstore.api.StoreClosedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TckFuturesTest {

  @Test
  void aCallThatThrowsFailsTheTestInsteadOfPassing() {
    assertThatThrownBy(() -> TckFutures.failsWith(NotFoundException.class, "call", () -> {
          throw new NotFoundException("thrown, not reported");
        }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never by throwing");
  }

  @Test
  void failuresAreUnwrappedAndTheirTypeChecked() {
    CompletableFuture<Void> wrapped =
        CompletableFuture.failedFuture(new CompletionException(new NotFoundException("gone")));
    assertThat(TckFutures.failsWith(NotFoundException.class, "call", () -> wrapped))
        .hasMessage("gone");
    assertThatThrownBy(() -> TckFutures.failsWith(StoreClosedException.class, "call", () -> wrapped))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("StoreClosedException");
  }

  @Test
  void aSuccessWhereAFailureIsExpectedFailsTheTest() {
    assertThatThrownBy(() -> TckFutures.fails("call", () -> CompletableFuture.completedFuture(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("should fail but succeeded");
  }

  @Test
  void aFutureThatNeverCompletesFailsAfterTheTimeout() {
    String previous = System.setProperty(TckSettings.TIMEOUT_PROPERTY, "1");
    try {
      assertThatThrownBy(() -> TckFutures.succeeds("call", CompletableFuture::new))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("did not complete within PT1S");
    } finally {
      if (previous == null) {
        System.clearProperty(TckSettings.TIMEOUT_PROPERTY);
      } else {
        System.setProperty(TckSettings.TIMEOUT_PROPERTY, previous);
      }
    }
  }
}
