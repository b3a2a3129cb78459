package dev.adkstore.cli.internal;

import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.ToolContext;
import java.util.Map;

/**
 * The demo's tool: remembers the user's favourite colour in user-scope state ({@code user:color}),
 * which the session service stores apart from the session, shared by all the user's sessions.
 *
 * <p>Stateless and thread-safe.
 */
public final class ColorTool {
  /** The state key the tool writes. */
  public static final String COLOR_KEY = "user:color";

  private ColorTool() {}

  /**
   * Remembers a colour.
   *
   * @param color the colour
   * @param toolContext the invocation's context, whose state changes become the event's delta
   * @return what the model sees as the tool's result
   */
  @Schema(name = "remember_color", description = "Remembers the user's favourite colour.")
  public static Map<String, Object> rememberColor(
      @Schema(name = "color", description = "the colour") String color, ToolContext toolContext) {
    toolContext.state().put(COLOR_KEY, color);
    return Map.of("status", "remembered", "color", color);
  }
}
