package dev.coffer.server.core.seal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shamir's secret sharing over GF(2^8) with the AES polynomial x^8+x^4+x^3+x+1. Each share is the
 * secret's length plus one trailing byte: the share's x coordinate (1..255, distinct, random).
 *
 * <p>Field arithmetic uses no lookup tables and no data-dependent branches, so timing does not
 * depend on share bytes.
 */
public final class Shamir {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Shamir() {}

  /**
   * Splits {@code secret} into {@code parts} shares of which any {@code threshold} recombine it.
   *
   * @throws IllegalArgumentException for 2 > threshold, threshold > parts or parts > 255
   */
  public static List<byte[]> split(byte[] secret, int parts, int threshold) {
    if (threshold < 2 || parts < threshold || parts > 255) {
      throw new IllegalArgumentException("need 2 <= threshold <= parts <= 255");
    }
    if (secret.length == 0) {
      throw new IllegalArgumentException("cannot split an empty secret");
    }
    int[] xs = distinctXCoordinates(parts);
    byte[][] shares = new byte[parts][secret.length + 1];
    int[] coefficients = new int[threshold];
    for (int i = 0; i < secret.length; i++) {
      coefficients[0] = secret[i] & 0xff;
      for (int c = 1; c < threshold; c++) {
        coefficients[c] = RANDOM.nextInt(256);
      }
      for (int p = 0; p < parts; p++) {
        shares[p][i] = (byte) evaluate(coefficients, xs[p]);
      }
    }
    Arrays.fill(coefficients, 0);
    List<byte[]> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      shares[p][secret.length] = (byte) xs[p];
      out.add(shares[p]);
    }
    return out;
  }

  /**
   * Recombines the secret from shares made by {@link #split}. Fewer shares than the threshold give
   * a wrong value, not an error: only the caller can tell (by trying the key).
   *
   * @throws IllegalArgumentException if there are fewer than two shares, shares differ in length,
   *     or two shares have the same x coordinate
   */
  public static byte[] combine(List<byte[]> shares) {
    if (shares.size() < 2) {
      throw new IllegalArgumentException("at least two shares are needed");
    }
    int length = shares.get(0).length;
    if (length < 2) {
      throw new IllegalArgumentException("shares are too short");
    }
    int[] xs = new int[shares.size()];
    for (int s = 0; s < shares.size(); s++) {
      if (shares.get(s).length != length) {
        throw new IllegalArgumentException("all shares must have the same length");
      }
      xs[s] = shares.get(s)[length - 1] & 0xff;
      if (xs[s] == 0) {
        throw new IllegalArgumentException("share has an invalid x coordinate");
      }
      for (int t = 0; t < s; t++) {
        if (xs[t] == xs[s]) {
          throw new IllegalArgumentException("duplicate share");
        }
      }
    }
    byte[] secret = new byte[length - 1];
    for (int i = 0; i < secret.length; i++) {
      int value = 0;
      for (int s = 0; s < xs.length; s++) {
        int basis = 1;
        for (int t = 0; t < xs.length; t++) {
          if (t != s) {
            // Lagrange basis at x = 0: prod x_t / (x_t - x_s); subtraction is XOR in GF(2^8).
            basis = mul(basis, div(xs[t], xs[t] ^ xs[s]));
          }
        }
        value ^= mul(basis, shares.get(s)[i] & 0xff);
      }
      secret[i] = (byte) value;
    }
    return secret;
  }

  private static int[] distinctXCoordinates(int parts) {
    int[] all = new int[255];
    for (int i = 0; i < 255; i++) {
      all[i] = i + 1;
    }
    for (int i = 254; i > 0; i--) {
      int j = RANDOM.nextInt(i + 1);
      int tmp = all[i];
      all[i] = all[j];
      all[j] = tmp;
    }
    return Arrays.copyOf(all, parts);
  }

  private static int evaluate(int[] coefficients, int x) {
    int result = 0;
    for (int c = coefficients.length - 1; c >= 0; c--) {
      result = mul(result, x) ^ coefficients[c];
    }
    return result;
  }

  /** Multiplication in GF(2^8), branch-free. */
  static int mul(int a, int b) {
    int product = 0;
    for (int bit = 0; bit < 8; bit++) {
      product ^= -(b & 1) & a;
      int carry = -((a >> 7) & 1);
      a = ((a << 1) ^ (carry & 0x1b)) & 0xff;
      b >>= 1;
    }
    return product & 0xff;
  }

  /** Division in GF(2^8): a times b^254 (the inverse of b); b must not be zero. */
  static int div(int a, int b) {
    int inverse = 1;
    int power = b;
    for (int bit = 1; bit < 8; bit++) { // 254 = 0b11111110
      power = mul(power, power);
      inverse = mul(inverse, power);
    }
    return mul(a, inverse);
  }
}
