package dev.governor.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bearer tokens a server accepts, each either for every owner or for a list of owners. Written
 * as {@code GOVERNOR_API_TOKENS} holds them: comma-separated tokens, a token written
 * {@code TOKEN:owner1|owner2} reaching only those owners (an in-app admin of one customer sees only
 * that customer). A token is at least {@value #MIN_LENGTH} characters and holds no whitespace,
 * {@code ,} {@code :} or {@code |}.
 *
 * <p>A presented token is compared with every accepted one in constant time (SHA-256 digests
 * compared by {@link MessageDigest#isEqual}, no early exit), so response times do not reveal how
 * much of a token was right. Immutable and thread-safe; {@link #toString()} never shows a token.
 */
public final class ApiTokens {
  /** The shortest token accepted: long enough that guessing is hopeless. */
  public static final int MIN_LENGTH = 16;

  private final List<Grant> grants;

  private ApiTokens(List<Grant> grants) {
    this.grants = List.copyOf(grants);
  }

  /**
   * Parses {@code spec} ({@code token[:owner|owner...][,token...]}).
   *
   * @throws IllegalArgumentException naming the entry (by position, never by its token) that is
   *     empty, too short, holds a forbidden character, repeats a token or lists no owner after ':'
   */
  public static ApiTokens parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("no API tokens: set at least one token (GOVERNOR_API_TOKENS)");
    }
    List<Grant> grants = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String[] entries = spec.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      String where = "API token entry " + (i + 1) + " of " + entries.length;
      if (entry.isEmpty()) {
        throw new IllegalArgumentException(where + " is empty");
      }
      int colon = entry.indexOf(':');
      String token = colon < 0 ? entry : entry.substring(0, colon);
      Set<String> owners = null;
      if (colon >= 0) {
        owners = new LinkedHashSet<>();
        for (String owner : entry.substring(colon + 1).split("\\|", -1)) {
          if (owner.isBlank()) {
            throw new IllegalArgumentException(where + " lists an empty owner id after ':'");
          }
          owners.add(owner.strip());
        }
      }
      if (token.length() < MIN_LENGTH) {
        throw new IllegalArgumentException(where + " is shorter than " + MIN_LENGTH + " characters");
      }
      for (int c = 0; c < token.length(); c++) {
        char ch = token.charAt(c);
        if (Character.isWhitespace(ch) || ch == '|' || ch < 0x21 || ch > 0x7e) {
          throw new IllegalArgumentException(where + " holds a character a token may not hold (only printable ASCII, no '|', ':', ',' or spaces)");
        }
      }
      if (!seen.add(token)) {
        throw new IllegalArgumentException(where + " repeats an earlier token");
      }
      grants.add(new Grant(digest(token), owners == null ? null : Collections.unmodifiableSet(owners)));
    }
    return new ApiTokens(grants);
  }

  /** What the token presented as {@code Authorization: Bearer ...} may reach, or null when no token matches. */
  Access authenticate(String presented) {
    if (presented == null) {
      return null;
    }
    byte[] candidate = digest(presented);
    Grant match = null;
    for (Grant grant : grants) {
      if (MessageDigest.isEqual(grant.digest, candidate) && match == null) {
        match = grant;
      }
    }
    return match == null ? null : new Access(match.owners);
  }

  /** How many tokens are accepted. */
  public int size() {
    return grants.size();
  }

  @Override
  public String toString() {
    return "ApiTokens[" + grants.size() + " token(s)]";
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private record Grant(byte[] digest, Set<String> owners) {}

  /** What one authenticated request may reach: every owner, or the listed ones. Immutable. */
  record Access(Set<String> owners) {
    boolean everyOwner() {
      return owners == null;
    }

    boolean reaches(String ownerId) {
      return owners == null || owners.contains(ownerId);
    }
  }
}
