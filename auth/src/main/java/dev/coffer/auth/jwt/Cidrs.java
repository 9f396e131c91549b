package dev.coffer.auth.jwt;

import dev.coffer.spi.CofferException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** CIDR blocks ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address) and membership. */
final class Cidrs {
  private Cidrs() {}

  /** A parsed block. */
  record Block(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int total = network.length * 8;
      BigInteger mask =
          BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE).shiftRight(bits).not();
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }

  /** Parses a block; 400 naming it when it is not one. */
  static Block parse(String cidr) {
    String text = cidr.trim();
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    try {
      if (!host.matches("[0-9a-fA-F.:]+")) {
        throw new IllegalArgumentException();
      }
      byte[] net = InetAddress.getByName(host).getAddress();
      int bits = slash < 0 ? net.length * 8 : Integer.parseInt(text.substring(slash + 1));
      if (bits < 0 || bits > net.length * 8) {
        throw new IllegalArgumentException();
      }
      return new Block(net, bits);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw CofferException.invalid("invalid CIDR \"" + text + "\"");
    }
  }

  /** Whether {@code address} lies in one of {@code cidrs}; {@code true} when there are none. */
  static boolean allows(List<String> cidrs, String address) {
    if (cidrs.isEmpty()) {
      return true;
    }
    byte[] addr;
    try {
      if (address == null || !address.matches("[0-9a-fA-F.:]+")) {
        return false;
      }
      addr = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return false;
    }
    for (String c : cidrs) {
      if (parse(c).contains(addr)) {
        return true;
      }
    }
    return false;
  }
}
