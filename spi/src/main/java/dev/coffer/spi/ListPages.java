package dev.coffer.spi;

import java.util.ArrayList;
import java.util.List;

/** The default paging of {@link Storage#listPage} and {@link StorageBackend#listPage}. */
final class ListPages {
  private ListPages() {}

  /** At most {@code limit} of the sorted {@code children} after {@code after} ({@code ""}: all). */
  static List<String> page(List<String> children, String after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    List<String> page = new ArrayList<>();
    for (String child : children) {
      if (page.size() >= limit) {
        break;
      }
      if (after.isEmpty() || child.compareTo(after) > 0) {
        page.add(child);
      }
    }
    return page;
  }
}
