package dev.coffer.server.core.policy;

import java.util.Arrays;

/**
 * Longest-prefix lookup over the prefix ({@code *}) rules of an ACL: a character trie whose
 * children are kept in sorted arrays. A lookup walks the request path once, costs O(L log k) for a
 * path of length L and at most k distinct next characters per node, and allocates nothing.
 */
final class PrefixTrie {
  private static final class Node {
    char[] keys = new char[0];
    Node[] children = new Node[0];
    Permissions value;

    Node child(char c) {
      int i = Arrays.binarySearch(keys, c);
      return i < 0 ? null : children[i];
    }

    Node childOrNew(char c) {
      int i = Arrays.binarySearch(keys, c);
      if (i >= 0) {
        return children[i];
      }
      int at = -i - 1;
      char[] k = new char[keys.length + 1];
      Node[] n = new Node[children.length + 1];
      System.arraycopy(keys, 0, k, 0, at);
      System.arraycopy(children, 0, n, 0, at);
      System.arraycopy(keys, at, k, at + 1, keys.length - at);
      System.arraycopy(children, at, n, at + 1, children.length - at);
      Node created = new Node();
      k[at] = c;
      n[at] = created;
      keys = k;
      children = n;
      return created;
    }
  }

  private final Node root = new Node();
  private int size;

  /** Stores {@code value} under {@code prefix}, replacing what was there. */
  void put(String prefix, Permissions value) {
    Node node = root;
    for (int i = 0; i < prefix.length(); i++) {
      node = node.childOrNew(prefix.charAt(i));
    }
    if (node.value == null) {
      size++;
    }
    node.value = value;
  }

  /** The value stored under the longest prefix of {@code path}, or {@code null}. */
  Permissions longestPrefixOf(String path) {
    Node node = root;
    Permissions best = root.value;
    for (int i = 0; i < path.length(); i++) {
      node = node.child(path.charAt(i));
      if (node == null) {
        break;
      }
      if (node.value != null) {
        best = node.value;
      }
    }
    return best;
  }

  /** How many prefixes are stored. */
  int size() {
    return size;
  }
}
