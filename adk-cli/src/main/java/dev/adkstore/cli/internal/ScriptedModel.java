package dev.adkstore.cli.internal;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A model that answers from a script instead of the network: each call takes the next scripted
 * step, which may look at the request (the history ADK sends) to compute its answer. It records
 * every request, so the demo can show what history the model saw. No keys, no network, always the
 * same answers.
 *
 * <p>Thread-safe: calls are serialized on the instance's monitor (a Runner calls the model from
 * one invocation at a time anyway).
 */
public final class ScriptedModel extends BaseLlm {
  private final Deque<Function<LlmRequest, LlmResponse>> script;
  private final List<LlmRequest> requests = new ArrayList<>();

  /**
   * Creates a model that plays the given steps in order.
   *
   * @param steps one step per model call
   */
  public ScriptedModel(List<Function<LlmRequest, LlmResponse>> steps) {
    super("scripted");
    this.script = new ArrayDeque<>(steps);
  }

  @Override
  public synchronized Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
    requests.add(request);
    Function<LlmRequest, LlmResponse> step = script.poll();
    if (step == null) {
      return Flowable.error(new IllegalStateException("the scripted model has no more answers"));
    }
    return Flowable.just(step.apply(request));
  }

  @Override
  public BaseLlmConnection connect(LlmRequest request) {
    throw new UnsupportedOperationException("the scripted model does not support live connections");
  }

  /**
   * Returns the requests received so far.
   *
   * @return a copy, oldest first
   */
  public synchronized List<LlmRequest> requests() {
    return List.copyOf(requests);
  }
}
