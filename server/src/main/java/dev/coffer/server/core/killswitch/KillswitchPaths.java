package dev.coffer.server.core.killswitch;

import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;

/**
 * {@code sys/killswitch} (sudo): revokes every lease and every non-root token now; with {@code
 * rotate} runs every configured rotator, with {@code seal} seals once the answer is sent.
 */
public final class KillswitchPaths {

  /** Fires the killswitch for a request; the core seals afterwards when asked. */
  @FunctionalInterface
  interface Trigger {
    KillswitchReport fire(boolean rotate, boolean seal, String accessor);
  }

  private final Trigger trigger;

  KillswitchPaths(Trigger trigger) {
    this.trigger = trigger;
  }

  /** The {@code sys/killswitch} path. */
  public List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("killswitch")
            .field("rotate", FieldType.BOOL, "also run every configured rotator")
            .field("seal", FieldType.BOOL, "seal the server once the answer is sent")
            .on(Operation.UPDATE, this::fire)
            .on(Operation.CREATE, this::fire)
            .sudo()
            .description("revoke every lease and every non-root token at once")
            .build());
  }

  private Response fire(Request r) {
    KillswitchReport report =
        trigger.fire(r.bool("rotate", false), r.bool("seal", false), r.client().tokenAccessor());
    return Response.of(report.toData());
  }
}
