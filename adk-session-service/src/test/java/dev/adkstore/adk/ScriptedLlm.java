package dev.adkstore.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A model that answers each request with the next scripted list of responses, and records every
 * request it saw: what lets a real ADK Runner run offline. Thread-safe.
 */
final class ScriptedLlm extends BaseLlm {
  private final Queue<List<LlmResponse>> script = new ConcurrentLinkedQueue<>();
  private final List<LlmRequest> requests = new CopyOnWriteArrayList<>();

  /**
   * @param turns the responses to each request, in order
   */
  ScriptedLlm(List<List<LlmResponse>> turns) {
    super("scripted");
    script.addAll(turns);
  }

  @Override
  public Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
    requests.add(request);
    List<LlmResponse> next = script.poll();
    if (next == null) {
      return Flowable.error(new IllegalStateException("the script has no more responses"));
    }
    return Flowable.fromIterable(next);
  }

  @Override
  public BaseLlmConnection connect(LlmRequest request) {
    throw new UnsupportedOperationException("the scripted model has no live mode");
  }

  /** Every request so far, in order. */
  List<LlmRequest> requests() {
    return requests;
  }

  static List<LlmResponse> text(String text) {
    return List.of(LlmResponse.builder().content(modelSays(text)).build());
  }

  static LlmResponse partial(String text) {
    return LlmResponse.builder().content(modelSays(text)).partial(true).build();
  }

  static LlmResponse finalText(String text) {
    return LlmResponse.builder().content(modelSays(text)).build();
  }

  static List<LlmResponse> call(String id, String tool, Map<String, Object> args) {
    Part part =
        Part.builder()
            .functionCall(FunctionCall.builder().id(id).name(tool).args(args).build())
            .build();
    return List.of(
        LlmResponse.builder()
            .content(Content.builder().role("model").parts(List.of(part)).build())
            .build());
  }

  private static Content modelSays(String text) {
    return Content.builder().role("model").parts(List.of(Part.fromText(text))).build();
  }
}
