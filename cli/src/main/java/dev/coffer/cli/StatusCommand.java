package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code coffer status}: the seal status. Exit 0 unsealed, 2 sealed, 1 error — as {@code vault
 * status}.
 */
@Command(
    name = "status",
    description = "Print the seal status (exit 0 unsealed, 2 sealed, 1 error).",
    mixinStandardHelpOptions = true)
final class StatusCommand extends ClientCommand {
  StatusCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run() {
    ApiResponse r;
    try {
      r = client().get("sys/seal-status").orThrow();
    } catch (ApiException e) {
      ctx.err().println("Error checking seal status: " + e.getMessage());
      ctx.err().flush();
      return LOCAL_ERROR;
    }
    JsonNode s = r.body();
    if (json()) {
      Output.json(out(), s);
    } else {
      Output.rows(out(), "Key", "Value", rows(s));
    }
    return s.path("sealed").asBoolean(true) ? 2 : 0;
  }

  static List<String[]> rows(JsonNode s) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Seal Type", Output.value(s.path("type"))});
    rows.add(new String[] {"Initialized", Output.value(s.path("initialized"))});
    rows.add(new String[] {"Sealed", Output.value(s.path("sealed"))});
    rows.add(new String[] {"Total Shares", Output.value(s.path("n"))});
    rows.add(new String[] {"Threshold", Output.value(s.path("t"))});
    if (s.path("sealed").asBoolean(false)) {
      rows.add(
          new String[] {
            "Unseal Progress", s.path("progress").asText("0") + "/" + s.path("t").asText("0")
          });
      rows.add(new String[] {"Unseal Nonce", Output.value(s.path("nonce"))});
    }
    rows.add(new String[] {"Version", Output.value(s.path("version"))});
    rows.add(new String[] {"Storage Type", Output.value(s.path("storage_type"))});
    return rows;
  }
}
