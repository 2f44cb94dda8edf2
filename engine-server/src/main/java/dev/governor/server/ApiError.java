package dev.governor.server;

/**
 * A request the server refuses, as the client sees it: an HTTP status and the JSON body
 * {@code {code, message, field, index, value}} ({@code field}, {@code index} and {@code value} null
 * when they do not apply). Never carries a stack trace to the client (the stack is not even
 * filled). Immutable.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final String field;
  final Integer index;
  final String value;

  ApiError(int status, String code, String message, String field, Integer index, String value) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.index = index;
    this.value = value;
  }

  /** 400: a field of the request is wrong; {@code index} is the item's position in a batch, or null. */
  static ApiError invalid(String field, Integer index, Object value, String message) {
    return new ApiError(400, "VALIDATION_ERROR", message, field, index, value == null ? null : String.valueOf(value));
  }

  /** 400: the body is not JSON (or not the JSON shape the route reads). */
  static ApiError malformed(String message) {
    return new ApiError(400, "MALFORMED_JSON", message, null, null, null);
  }

  static ApiError unauthorized(String message) {
    return new ApiError(401, "UNAUTHORIZED", message, null, null, null);
  }

  static ApiError forbidden(String message, String field, String value) {
    return new ApiError(403, "FORBIDDEN", message, field, null, value);
  }

  static ApiError notFound(String message, String field, Integer index, String value) {
    return new ApiError(404, "NOT_FOUND", message, field, index, value);
  }

  static ApiError tooLarge(long limit) {
    return new ApiError(413, "PAYLOAD_TOO_LARGE", "the request body is larger than " + limit + " bytes", null, null, null);
  }

  static ApiError unsupportedMediaType(String contentType) {
    return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "the request body must be application/json", "Content-Type", null, contentType);
  }
}
