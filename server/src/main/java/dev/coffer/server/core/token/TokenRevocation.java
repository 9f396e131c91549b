package dev.coffer.server.core.token;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Revokes stored tokens, each revocation one storage transaction: a token with its whole subtree
 * (following the parent rows, so no other token is read), or a token alone, its children left as
 * working orphans. Answers what it deleted; telling the lease manager is the store's job.
 */
final class TokenRevocation {
  private final TokenRows rows;

  TokenRevocation(TokenRows rows) {
    this.rows = rows;
  }

  /**
   * Deletes the token with this hash and every descendant, with their index rows.
   *
   * @return the id hashes of the deleted tokens, the given one first
   */
  List<String> withSubtree(String idHash) {
    return rows.storage()
        .transaction(
            tx -> {
              List<String[]> childRows = new ArrayList<>();
              List<String> doomed = new ArrayList<>();
              Deque<String> todo = new ArrayDeque<>(List.of(idHash));
              while (!todo.isEmpty()) {
                String h = todo.pop();
                doomed.add(h);
                for (String child : TokenRows.children(tx, h)) {
                  childRows.add(new String[] {h, child});
                  todo.push(child);
                }
              }
              for (String[] row : childRows) {
                TokenRows.deleteChildRow(tx, row[0], row[1]);
              }
              for (String h : doomed) {
                rows.delete(tx, h);
              }
              return doomed;
            });
  }

  /** Deletes only the token with this hash; its children become orphans. */
  void alone(String idHash) {
    rows.storage()
        .transaction(
            tx -> {
              for (String child : TokenRows.children(tx, idHash)) {
                rows.read(tx, child).ifPresent(e -> TokenRows.write(tx, child, e.orphaned()));
                TokenRows.deleteChildRow(tx, idHash, child);
              }
              rows.delete(tx, idHash);
              return null;
            });
  }
}
