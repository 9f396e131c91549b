package dev.coffer.spi.testkit;

import dev.coffer.spi.AuditSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Runs the audit sink contract against a sink that appends to a synchronized list. */
class ListAuditSinkContractTest extends AuditSinkContract {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  @Override
  protected AuditSink newSink() {
    return lines::add;
  }

  @Override
  protected List<String> writtenLines() {
    return List.copyOf(lines);
  }
}
