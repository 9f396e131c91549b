package dev.coffer.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * CIDR blocks ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1/128}): parsing and matching, for
 * every auth method that binds logins or tokens to networks, and for the server checking a token's
 * bound networks. IP literals only, never a DNS lookup.
 */
public final class Cidrs {
  private Cidrs() {}

  /**
   * Checks every block of {@code blocks}.
   *
   * @throws CofferException 400 naming the first block that is not a valid CIDR
   */
  public static List<String> validated(List<String> blocks) {
    for (String b : blocks) {
      if (parse(b) == null) {
        throw CofferException.invalid("invalid CIDR \"" + b + "\"");
      }
    }
    return List.copyOf(blocks);
  }

  /** Whether {@code address} is inside any of {@code blocks} (true when there are none). */
  public static boolean allows(List<String> blocks, String address) {
    if (blocks.isEmpty()) {
      return true;
    }
    byte[] ip = literal(address);
    if (ip == null) {
      return false;
    }
    for (String b : blocks) {
      Block block = parse(b);
      if (block != null && block.contains(ip)) {
        return true;
      }
    }
    return false;
  }

  private record Block(byte[] network, int bits) {
    boolean contains(byte[] ip) {
      if (ip.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((ip[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private static Block parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    byte[] ip = literal(slash < 0 ? t : t.substring(0, slash));
    if (ip == null) {
      return null;
    }
    int bits = ip.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (bits < 0 || bits > ip.length * 8) {
        return null;
      }
    }
    return new Block(ip, bits);
  }

  /** The bytes of an IP literal (never a DNS lookup), or {@code null}. */
  private static byte[] literal(String s) {
    String t = s == null ? "" : s.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.isEmpty() || !(t.contains(":") || t.matches("[0-9.]+"))) {
      return null;
    }
    if (!t.contains(":") && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    try {
      byte[] b = InetAddress.getByName(t).getAddress();
      if (b.length == 16 && isMappedV4(b)) {
        return new byte[] {b[12], b[13], b[14], b[15]};
      }
      return b;
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static boolean isMappedV4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
