package dev.coffer.server.core.token;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Revokes every token but root tokens at once (the killswitch). */
public final class TokenSweep {
  private final TokenStore tokens;

  public TokenSweep(TokenStore tokens) {
    this.tokens = tokens;
  }

  /**
   * Revokes every token that does not carry the {@code root} policy, with its subtree. Children of
   * a root token are revoked too: they carry their own policies.
   *
   * @return how many tokens were revoked
   */
  public long revokeAllButRoot() {
    long revoked = 0;
    for (String h : tokens.storage().list(TokenRows.ID_PREFIX)) {
      Optional<TokenEntry> entry = tokens.stored(h);
      if (entry.isPresent() && !entry.get().policies().contains("root")) {
        revoked += treeSize(h);
        tokens.revokeTree(h);
      }
    }
    return revoked;
  }

  private long treeSize(String idHash) {
    long n = 0;
    Deque<String> todo = new ArrayDeque<>(List.of(idHash));
    while (!todo.isEmpty()) {
      String h = todo.pop();
      if (tokens.stored(h).isPresent()) {
        n++;
      }
      todo.addAll(tokens.storage().list(TokenRows.PARENT_PREFIX + h + "/"));
    }
    return n;
  }
}
