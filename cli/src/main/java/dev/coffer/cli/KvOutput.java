package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/** How kv commands print secrets and their metadata in table format. */
final class KvOutput {
  private KvOutput() {}

  /** The secret path header, then a metadata section and a data section. */
  static void secret(PrintWriter out, String apiPath, JsonNode data, JsonNode metadata) {
    out.println("== Secret Path ==");
    out.println(apiPath);
    out.println();
    if (metadata != null && metadata.isObject()) {
      out.println("======= Metadata =======");
      Output.table(out, metadata);
      out.println();
    }
    out.println("====== Data ======");
    if (data == null || !data.isObject() || data.isEmpty()) {
      out.println("(no data)");
      out.flush();
    } else {
      Output.table(out, data);
    }
  }

  /** {@code metadata get}: the metadata fields, then one section per version. */
  static void metadata(PrintWriter out, String apiPath, JsonNode metadata) {
    out.println("== Metadata Path ==");
    out.println(apiPath);
    out.println();
    ObjectNode fields = metadata.deepCopy();
    JsonNode versions = fields.remove("versions");
    out.println("======= Metadata =======");
    Output.table(out, fields);
    if (versions != null && versions.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = versions.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> v = it.next();
        out.println();
        out.println("====== Version " + v.getKey() + " ======");
        Output.table(out, v.getValue());
      }
    }
    out.flush();
  }
}
