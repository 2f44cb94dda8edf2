package dev.governor.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's one Jetty handler: authenticates, routes, reads the body and answers. In order: a
 * token (401) unless the route is open, the route (404, 405), for a body the media type (415; a POST
 * or PUT that sends no body and no {@code Content-Type} goes to its endpoint as bodyless) and
 * its size (413 from the declared length before reading anything, or as soon as the bytes read pass
 * the limit), then the endpoint, whose {@link ApiError}s and engine exceptions become JSON errors
 * ({@link Errors}). The body is read without holding a thread while a client is slow to send it.
 * Stateless and thread-safe.
 */
final class Front extends Handler.Abstract {
  private static final String BEARER = "Bearer ";

  private final Router router;
  private final ApiTokens tokens;
  private final long maxBodyBytes;

  Front(Router router, ApiTokens tokens, long maxBodyBytes) {
    super(InvocationType.BLOCKING);
    this.router = router;
    this.tokens = tokens;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Router.Match match;
    ApiTokens.Access access;
    try {
      String path = request.getHttpURI().getPath();
      match = router.find(request.getMethod(), path);
      access = match.route().open ? null : authenticate(request);
      if (!hasBody(request.getMethod())) {
        answer(response, callback, () -> run(match, request, null, access));
        return true;
      }
      String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (type == null && sendsNoBody(request)) {
        // A bare POST (a release takes no body): nothing to type or read. A route that needs a
        // body still answers 400 (the body is empty), which says more than a 415 would.
        answer(response, callback, () -> run(match, request, null, access));
        return true;
      }
      if (!isJson(type)) {
        throw ApiError.unsupportedMediaType(type);
      }
      if (request.getLength() > maxBodyBytes) {
        throw ApiError.tooLarge(maxBodyBytes);
      }
    } catch (Router.MethodNotAllowed e) {
      response.getHeaders().put(HttpHeader.ALLOW, e.allow);
      write(response, callback, Reply.of(e.error));
      return true;
    } catch (ApiError e) {
      if (e.status == 401) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"governor\"");
      }
      write(response, callback, Reply.of(e));
      return true;
    }
    new BodyReader(request, response, callback, match, access).run();
    return true;
  }

  private ApiTokens.Access authenticate(Request request) {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null) {
      throw ApiError.unauthorized("missing Authorization: Bearer <token>");
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ApiError.unauthorized("the Authorization header must be Bearer <token>");
    }
    ApiTokens.Access access = tokens.authenticate(header.substring(BEARER.length()).strip());
    if (access == null) {
      throw ApiError.unauthorized("the token is not valid");
    }
    return access;
  }

  private static boolean hasBody(String method) {
    return "PUT".equals(method) || "POST".equals(method);
  }

  /** Whether the request declares no body: a length of 0, or neither a length nor chunked framing. */
  private static boolean sendsNoBody(Request request) {
    long length = request.getLength();
    return length == 0 || (length < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return media.equalsIgnoreCase("application/json");
  }

  private Reply run(Router.Match match, Request request, byte[] body, ApiTokens.Access access) {
    Query query = Query.parse(request.getHttpURI().getQuery());
    return match.route().endpoint.answer(new Call(match.params(), query, body == null ? new byte[0] : body, access));
  }

  /** Runs {@code endpoint} and writes its reply, or the error it raised. */
  private static void answer(Response response, Callback callback, java.util.function.Supplier<Reply> endpoint) {
    Reply reply;
    try {
      reply = endpoint.get();
    } catch (RuntimeException e) {
      reply = Reply.of(Errors.toApiError(e));
    }
    write(response, callback, reply);
  }

  private static void write(Response response, Callback callback, Reply reply) {
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (reply.body() == null) {
      response.write(true, null, callback);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  /**
   * Reads a body chunk by chunk as it arrives (a demand callback, not a waiting thread, while the
   * client is slow), stopping at the size limit, then answers.
   */
  private final class BodyReader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Router.Match match;
    private final ApiTokens.Access access;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(512);

    BodyReader(Request request, Response response, Callback callback, Router.Match match, ApiTokens.Access access) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.match = match;
      this.access = access;
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          // The client went away or stalled past the idle timeout: nothing to answer.
          callback.failed(chunk.getFailure());
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        if (body.size() + (long) bytes.remaining() > maxBodyBytes) {
          chunk.release();
          write(response, callback, Reply.of(ApiError.tooLarge(maxBodyBytes)));
          return;
        }
        if (bytes.hasArray()) {
          body.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
          byte[] copy = new byte[bytes.remaining()];
          bytes.get(copy);
          body.write(copy, 0, copy.length);
        }
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          byte[] all = body.toByteArray();
          answer(response, callback, () -> Front.this.run(match, request, all, access));
          return;
        }
      }
    }
  }
}
