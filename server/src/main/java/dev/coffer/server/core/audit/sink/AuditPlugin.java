package dev.coffer.server.core.audit.sink;

import dev.coffer.spi.AuditSinkFactory;
import dev.coffer.spi.Plugin;
import java.util.List;

/**
 * The built-in audit sinks: {@code file}, {@code stdout} and {@code http}. Registered in {@code
 * META-INF/services/dev.coffer.spi.Plugin}.
 */
public final class AuditPlugin implements Plugin {
  @Override
  public String name() {
    return "audit";
  }

  @Override
  public List<AuditSinkFactory> auditSinks() {
    return List.of(
        new FileAuditSinkFactory(), new StdoutAuditSinkFactory(), new HttpAuditSinkFactory());
  }
}
