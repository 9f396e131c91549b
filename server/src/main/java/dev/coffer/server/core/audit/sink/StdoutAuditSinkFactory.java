package dev.coffer.server.core.audit.sink;

import dev.coffer.spi.AuditSink;
import dev.coffer.spi.AuditSinkFactory;
import java.io.PrintStream;
import java.util.Map;

/** The {@code stdout} audit sink: one JSON line per entry on the server's standard output. */
public final class StdoutAuditSinkFactory implements AuditSinkFactory {
  @Override
  public String type() {
    return "stdout";
  }

  @Override
  public AuditSink create(Map<String, String> options) {
    return entry -> {
      PrintStream out = System.out;
      synchronized (out) {
        out.println(entry);
        out.flush();
      }
      if (out.checkError()) {
        throw new java.io.IOException("standard output is not writable");
      }
    };
  }
}
