package dev.governor.server;

/**
 * What an endpoint answers: a status and a JSON body (null for none, as with 204). Immutable.
 */
record Reply(int status, byte[] body) {
  static Reply ok(Json.Writer writer) {
    return new Reply(200, Json.write(writer));
  }

  /** 201: the call created what the body shows (a reservation). */
  static Reply created(Json.Writer writer) {
    return new Reply(201, Json.write(writer));
  }

  static Reply noContent() {
    return new Reply(204, null);
  }

  /** The error's JSON body: {@code {code, message, field, index, value}}. */
  static Reply of(ApiError e) {
    return new Reply(e.status, Json.write(g -> {
      g.writeStartObject();
      g.writeStringField("code", e.code);
      g.writeStringField("message", e.getMessage());
      g.writeStringField("field", e.field);
      if (e.index == null) {
        g.writeNullField("index");
      } else {
        g.writeNumberField("index", e.index);
      }
      g.writeStringField("value", e.value);
      g.writeEndObject();
    }));
  }
}
