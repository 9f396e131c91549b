package dev.coffer.spi;

import java.io.IOException;

/**
 * Records audit entries somewhere (a file, standard output, an HTTP endpoint). The server formats,
 * hashes and chains every entry; a sink only writes what it is given, in order.
 */
@Experimental("audit devices are being built; entries may become structured")
public interface AuditSink extends AutoCloseable {

  /**
   * Writes one entry, a single line of JSON without the line break.
   *
   * @throws IOException if the entry could not be recorded; the server then refuses the request
   *     unless another sink recorded it
   */
  void write(String entry) throws IOException;

  /** Flushes and releases resources. */
  @Override
  default void close() throws IOException {}
}
