package kinesis.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kinesis.io.BadInputException;

/**
 * The cluster's shared secret (a file every node reads; never sent): HMAC-SHA256 proofs of it. The
 * join token lets Pekko refuse nodes at the membership level; the proof of a fresh random nonce
 * admits a worker to work, so a recorded exchange cannot be replayed.
 */
public final class Secret {
  static final int MIN_LENGTH = 16;
  private final byte[] key;

  private Secret(byte[] key) {
    this.key = key.clone();
  }

  /** The secret in {@code file} (surrounding whitespace ignored, at least 16 characters). */
  public static Secret read(Path file) {
    String s;
    try {
      s = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new BadInputException(file, "cannot read the cluster secret: " + e.getMessage());
    }
    if (s.length() < MIN_LENGTH)
      throw new BadInputException(
          file, "the cluster secret must be at least " + MIN_LENGTH + " characters");
    return new Secret(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh random secret (for benchmarks and tests on one machine). */
  public static Secret random() {
    return new Secret(HexFormat.of().formatHex(nonce()).getBytes(StandardCharsets.UTF_8));
  }

  /** The secret as text, for writing a file workers read. */
  public String text() {
    return new String(key, StandardCharsets.UTF_8);
  }

  static byte[] nonce() {
    byte[] n = new byte[32];
    new SecureRandom().nextBytes(n);
    return n;
  }

  byte[] mac(byte[]... parts) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] p : parts) m.update(p);
      return m.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Proof for {@code nonce} bound to the worker's actor address (so it is no good for another). */
  byte[] proof(byte[] nonce, String worker) {
    return mac(
        "kinesis-admit-v1".getBytes(StandardCharsets.UTF_8),
        nonce,
        worker.getBytes(StandardCharsets.UTF_8));
  }

  boolean verify(byte[] nonce, String worker, byte[] proof) {
    return MessageDigest.isEqual(proof(nonce, worker), proof);
  }

  /** Token every node puts in its Pekko config; {@link JoinToken} compares it when a node joins. */
  String joinToken() {
    return HexFormat.of().formatHex(mac("kinesis-join-v1".getBytes(StandardCharsets.UTF_8)));
  }
}
