package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.MountContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes a secret's next data under its {@link RotationSettings}: a generated password, or what a
 * {@code rotate_command} printed, written into {@code rotate_key} with the other fields kept (a
 * command that prints a JSON object replaces the data wholly).
 */
final class Rotator {
  private final MountContext context;

  Rotator(MountContext context) {
    this.context = context;
  }

  /**
   * The data that replaces {@code current}.
   *
   * @throws CofferException 400 if there is no rotator, commands are not allowed or the password
   *     policy is unknown; 502 if the command fails
   */
  Map<String, Object> next(String path, Map<String, Object> current, RotationSettings s) {
    if (!s.hasRotator()) {
      throw CofferException.invalid(
          "secret \""
              + path
              + "\" has no rotator: set "
              + RotationSettings.GENERATOR
              + " or "
              + RotationSettings.COMMAND
              + " in its custom_metadata or the mount's options");
    }
    Map<String, Object> next = new LinkedHashMap<>(current);
    if (s.command().isEmpty()) {
      next.put(s.effectiveRotateKey(), context.generatePassword(s.passwordPolicy()));
      return next;
    }
    if (!s.commandsAllowed()) {
      throw CofferException.invalid(RotationSettings.COMMANDS_REFUSED);
    }
    String printed =
        RotateCommand.run(
            s.command(),
            s.timeout(),
            Map.of("COFFER_MOUNT", context.mountPath(), "COFFER_SECRET_PATH", path));
    if (printed.startsWith("{")) {
      return jsonObject(printed);
    }
    next.put(s.effectiveRotateKey(), printed);
    return next;
  }

  private static Map<String, Object> jsonObject(String printed) {
    try {
      Map<String, Object> data = KvJson.readMap(printed.getBytes(StandardCharsets.UTF_8));
      if (data.isEmpty()) {
        throw new CofferException(ErrorCode.UPSTREAM_FAILURE, "rotate command printed {}");
      }
      return data;
    } catch (CofferException e) {
      if (e.code() == ErrorCode.UPSTREAM_FAILURE) {
        throw e;
      }
      throw new CofferException(
          ErrorCode.UPSTREAM_FAILURE, "rotate command printed an invalid JSON object");
    }
  }
}
