package dev.coffer.server.core.audit;

import dev.coffer.server.core.audit.sink.FileAuditSinkFactory;

/** For tests that move or delete an audit file under a running file device. */
public final class FileSinkPathCheck {
  private FileSinkPathCheck() {}

  /**
   * Waits until a file device looks at its path again before its next line (it looks at most every
   * {@link FileAuditSinkFactory#PATH_CHECK_MILLIS}).
   */
  public static void sleepPastPathCheck() {
    try {
      Thread.sleep(FileAuditSinkFactory.PATH_CHECK_MILLIS + 20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
