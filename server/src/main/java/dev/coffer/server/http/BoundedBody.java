package dev.coffer.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body but never more than the configured limit. */
final class BoundedBody {
  private BoundedBody() {}

  /**
   * Reads all of {@code in}.
   *
   * @param declaredLength the {@code Content-Length}, or a negative number if unknown (chunked)
   * @throws HttpFailure 413 as soon as the declared or the actual length exceeds {@code limit}
   */
  static byte[] read(InputStream in, long declaredLength, long limit) throws IOException {
    if (declaredLength > limit) {
      throw HttpFailure.tooLarge();
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 0), 64 * 1024));
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > limit) {
        throw HttpFailure.tooLarge();
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
