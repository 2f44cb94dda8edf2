package dev.governor.internal;

import dev.governor.PageRequest;
import dev.governor.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors: base64url text carrying the list kind, the owner and filters it was issued
 * for, and the position after which the next page starts. A cursor used with another list, owner or
 * filter, or one that is not a cursor at all, is rejected with a validation error on the field it
 * came in ({@code after} or {@code before}). The same cursor works both ways: it marks a position,
 * and a page runs forward after it or backward before it. Stateless and thread-safe.
 */
final class Cursors {
  /** A decoded position and the direction the page runs from it. */
  record Position(List<String> parts, boolean backward) {}

  private static final String VERSION = "g1";
  private static final char SEP = '\u0000';
  private static final char HEAD_END = '\u0001';
  private static final int MAX_CURSOR = 64 * 1024;

  private Cursors() {}

  /** Validates the page size and returns it. */
  static int limit(PageRequest page) {
    if (page == null) {
      throw ValidationException.of(-1, "page", "must not be null");
    }
    if (page.limit() < 1 || page.limit() > PageRequest.MAX_LIMIT) {
      throw new ValidationException("limit", page.limit(), "must be between 1 and " + PageRequest.MAX_LIMIT);
    }
    return page.limit();
  }

  /**
   * Decodes the cursor of {@code page} (null for a first page) issued under {@code context}.
   * Refuses a request with both {@code after} and {@code before}.
   */
  static Position position(PageRequest page, List<String> context) {
    requireOneCursor(page.after(), page.before());
    if (page.before() != null) {
      return new Position(decode(page.before(), context, "before"), true);
    }
    return page.after() == null ? null : new Position(decode(page.after(), context, "after"), false);
  }

  /** Refuses a request that names both cursors: the page would have no single position. */
  static void requireOneCursor(String after, String before) {
    if (after != null && before != null) {
      throw new ValidationException("before", before, "cannot be combined with after; pass one cursor");
    }
  }

  /**
   * Encodes a cursor for list {@code kind} issued under {@code context} (owner, filters) positioned
   * after {@code position}.
   */
  static String encode(List<String> context, List<String> position) {
    StringBuilder sb = new StringBuilder(VERSION);
    for (String part : context) {
      sb.append(SEP).append(part == null ? "" : part);
    }
    sb.append(HEAD_END);
    for (int i = 0; i < position.size(); i++) {
      if (i > 0) {
        sb.append(SEP);
      }
      sb.append(position.get(i));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes {@code cursor}, given in request field {@code field} (null: first page, returns null),
   * and checks it was issued under the same context; returns the position parts.
   */
  static List<String> decode(String cursor, List<String> context, String field) {
    if (cursor == null) {
      return null;
    }
    if (cursor.isEmpty() || cursor.length() > MAX_CURSOR) {
      throw new ValidationException(field, cursor, "is not a cursor returned by this list");
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(field, cursor, "is not a cursor returned by this list");
    }
    int split = text.indexOf(HEAD_END);
    if (split < 0) {
      throw new ValidationException(field, cursor, "is not a cursor returned by this list");
    }
    List<String> head = Arrays.asList(text.substring(0, split).split(String.valueOf(SEP), -1));
    if (head.isEmpty() || !VERSION.equals(head.get(0))) {
      throw new ValidationException(field, cursor, "is not a cursor returned by this list");
    }
    List<String> expected = new ArrayList<>();
    for (String c : context) {
      expected.add(c == null ? "" : c);
    }
    if (!head.subList(1, head.size()).equals(expected)) {
      throw new ValidationException(field, cursor,
          "was issued for another list, owner or filter; start again without a cursor");
    }
    String tail = text.substring(split + 1);
    return Arrays.asList(tail.split(String.valueOf(SEP), -1));
  }

  /** True when {@code cursor} decodes and was issued under {@code context} except for part {@code skip}. */
  static boolean matchesIgnoringPart(String cursor, List<String> context, int skip) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int split = text.indexOf(HEAD_END);
      if (split < 0) {
        return false;
      }
      List<String> head = Arrays.asList(text.substring(0, split).split(String.valueOf(SEP), -1));
      if (head.size() != context.size() + 1 || !VERSION.equals(head.get(0))) {
        return false;
      }
      for (int i = 0; i < context.size(); i++) {
        String expected = context.get(i) == null ? "" : context.get(i);
        if (i != skip && !expected.equals(head.get(i + 1))) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
