package dev.coffer.server.core.barrier;

import dev.coffer.server.core.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The barrier's keys: one AES-256 key per term, the term new writes use, and a separate key for
 * HMACs of token ids. Immutable: {@link #rotate} returns a new keyring. Stored as JSON, encrypted
 * by the root key.
 */
public final class Keyring {
  private final Map<Integer, Term> terms;
  private final int activeTerm;
  private final KeyMaterial hmacKey;

  /** One key and when it was installed. */
  public record Term(int term, KeyMaterial key, Instant installTime) {}

  private Keyring(Map<Integer, Term> terms, int activeTerm, KeyMaterial hmacKey) {
    this.terms = Collections.unmodifiableMap(new TreeMap<>(terms));
    this.activeTerm = activeTerm;
    this.hmacKey = hmacKey;
  }

  /** A fresh keyring with one random key as term 1 and a random HMAC key. */
  public static Keyring generate(Instant now) {
    byte[] key = AesGcm.randomBytes(AesGcm.KEY_BYTES);
    byte[] hmac = AesGcm.randomBytes(AesGcm.KEY_BYTES);
    try {
      return new Keyring(
          Map.of(1, new Term(1, KeyMaterial.aes(key), now)),
          1,
          new KeyMaterial("HmacSHA256", hmac));
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
      java.util.Arrays.fill(hmac, (byte) 0);
    }
  }

  /** This keyring plus a new random key as the next term, which becomes active. */
  public Keyring rotate(Instant now) {
    Map<Integer, Term> next = new TreeMap<>(terms);
    int term = activeTerm + 1;
    byte[] key = AesGcm.randomBytes(AesGcm.KEY_BYTES);
    try {
      next.put(term, new Term(term, KeyMaterial.aes(key), now));
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
    return new Keyring(next, term, hmacKey);
  }

  /** The term new writes use. */
  public Term active() {
    return terms.get(activeTerm);
  }

  /** The key of {@code term}, or {@code null} if this keyring has no such term. */
  public Term term(int term) {
    return terms.get(term);
  }

  /** The key for HMACs of token ids. */
  public KeyMaterial hmacKey() {
    return hmacKey;
  }

  /** Zeroes every key. The keyring is unusable afterwards. */
  public void destroy() {
    terms.values().forEach(t -> t.key().destroy());
    hmacKey.destroy();
  }

  /** The keyring as JSON (keys in base64); the caller encrypts it. */
  public byte[] toJson() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Term t : terms.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("term", t.term());
      m.put("key", Base64.getEncoder().encodeToString(t.key().getEncoded()));
      m.put("install_time", t.installTime().toString());
      list.add(m);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("active_term", activeTerm);
    json.put("terms", list);
    json.put("hmac_key", Base64.getEncoder().encodeToString(hmacKey.getEncoded()));
    return Json.write(json);
  }

  /** Parses what {@link #toJson()} wrote. */
  @SuppressWarnings("unchecked")
  public static Keyring fromJson(byte[] json) {
    Map<String, Object> m = Json.read(json);
    Map<Integer, Term> terms = new TreeMap<>();
    for (Map<String, Object> t : (List<Map<String, Object>>) m.get("terms")) {
      int term = ((Number) t.get("term")).intValue();
      byte[] key = Base64.getDecoder().decode((String) t.get("key"));
      terms.put(
          term,
          new Term(term, KeyMaterial.aes(key), Instant.parse((String) t.get("install_time"))));
      java.util.Arrays.fill(key, (byte) 0);
    }
    byte[] hmac = Base64.getDecoder().decode((String) m.get("hmac_key"));
    KeyMaterial hmacKey = new KeyMaterial("HmacSHA256", hmac);
    java.util.Arrays.fill(hmac, (byte) 0);
    int active = ((Number) m.get("active_term")).intValue();
    if (!terms.containsKey(active)) {
      throw new IllegalStateException("keyring has no key for its active term");
    }
    return new Keyring(terms, active, hmacKey);
  }

  @Override
  public String toString() {
    return "Keyring[active term " + activeTerm + ", " + terms.size() + " terms]";
  }
}
