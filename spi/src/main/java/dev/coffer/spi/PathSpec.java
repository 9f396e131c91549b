package dev.coffer.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One path an engine serves: a pattern, the fields it accepts and a handler per operation.
 *
 * <p>A pattern is relative to the mount and made of {@code /}-separated segments. A segment is a
 * literal ({@code config}), a one-segment parameter ({@code {name}}), or, as the last segment only,
 * a rest parameter that takes one or more segments ({@code {path:+}}) or zero or more ({@code
 * {path:*}}). Examples: {@code config}, {@code data/{path:+}}, {@code metadata/{path:*}}.
 *
 * <pre>{@code
 * PathSpec.builder("data/{path:+}")
 *     .field("version", FieldType.INT, "version to read")
 *     .on(Operation.READ, this::read)
 *     .on(Operation.UPDATE, this::write)
 *     .existence(this::exists)
 *     .build();
 * }</pre>
 */
public final class PathSpec {
  private final String pattern;
  private final List<Segment> segments;
  private final Map<String, FieldSpec> fields;
  private final Map<Operation, Handler> handlers;
  private final ExistenceCheck existenceCheck;
  private final boolean unauthenticated;
  private final boolean sudo;
  private final String description;

  private PathSpec(Builder b) {
    this.pattern = b.pattern;
    this.segments = parse(b.pattern);
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
    this.handlers = Collections.unmodifiableMap(new EnumMap<>(b.handlers));
    this.existenceCheck = b.existenceCheck;
    this.unauthenticated = b.unauthenticated;
    this.sudo = b.sudo;
    this.description = b.description;
    if (handlers.isEmpty()) {
      throw new IllegalArgumentException("path '" + pattern + "' has no handler");
    }
  }

  /** Starts a path with this pattern. */
  public static Builder builder(String pattern) {
    return new Builder(pattern);
  }

  /** The pattern as written. */
  public String pattern() {
    return pattern;
  }

  /** The fields this path accepts, by name. Fields not declared are passed through unchanged. */
  public Map<String, FieldSpec> fields() {
    return fields;
  }

  /** The handler for each supported operation. */
  public Map<Operation, Handler> handlers() {
    return handlers;
  }

  /** Decides create versus update, if the path distinguishes them. */
  public Optional<ExistenceCheck> existenceCheck() {
    return Optional.ofNullable(existenceCheck);
  }

  /** Whether the path may be called without a token (login paths). */
  public boolean unauthenticated() {
    return unauthenticated;
  }

  /**
   * Whether the path is root-protected: besides the capability its operation needs, the caller's
   * policy must grant {@code sudo} on it (Vault's "sudo required" endpoints, such as {@code
   * sys/rotate}).
   */
  public boolean sudo() {
    return sudo;
  }

  /** What the path is for, for documentation. */
  public String description() {
    return description;
  }

  /**
   * Matches a mount-relative path (no leading or trailing {@code /}) against this pattern.
   *
   * @return the parameters by name if the path matches
   */
  public Optional<Map<String, String>> match(String path) {
    String[] parts = path.isEmpty() ? new String[0] : path.split("/", -1);
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment seg = segments.get(i);
      if (seg.kind == Kind.REST_ONE || seg.kind == Kind.REST_ANY) {
        if (i >= parts.length) {
          if (seg.kind == Kind.REST_ONE) {
            return Optional.empty();
          }
          params.put(seg.name, "");
          return Optional.of(params);
        }
        params.put(seg.name, String.join("/", List.of(parts).subList(i, parts.length)));
        return Optional.of(params);
      }
      if (i >= parts.length || parts[i].isEmpty()) {
        return Optional.empty();
      }
      if (seg.kind == Kind.LITERAL && !seg.name.equals(parts[i])) {
        return Optional.empty();
      }
      if (seg.kind == Kind.PARAM) {
        params.put(seg.name, parts[i]);
      }
    }
    return parts.length == segments.size() ? Optional.of(params) : Optional.empty();
  }

  /**
   * How specific the pattern is, for choosing among several matches: more literal segments first,
   * then more segments.
   */
  public int specificity() {
    int literal = 0;
    for (Segment s : segments) {
      if (s.kind == Kind.LITERAL) {
        literal++;
      }
    }
    boolean rest = !segments.isEmpty() && segments.get(segments.size() - 1).kind.isRest();
    return literal * 1000 + segments.size() * 10 + (rest ? 0 : 1);
  }

  @Override
  public String toString() {
    return "PathSpec[" + pattern + " " + handlers.keySet() + "]";
  }

  private enum Kind {
    LITERAL,
    PARAM,
    REST_ONE,
    REST_ANY;

    boolean isRest() {
      return this == REST_ONE || this == REST_ANY;
    }
  }

  private record Segment(Kind kind, String name) {}

  private static List<Segment> parse(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    List<Segment> out = new ArrayList<>();
    if (pattern.isEmpty()) {
      return out;
    }
    String[] parts = pattern.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty segment in pattern '" + pattern + "'");
      }
      if (p.startsWith("{") && p.endsWith("}")) {
        String inner = p.substring(1, p.length() - 1);
        Kind kind = Kind.PARAM;
        if (inner.endsWith(":+")) {
          kind = Kind.REST_ONE;
        } else if (inner.endsWith(":*")) {
          kind = Kind.REST_ANY;
        }
        String name = kind == Kind.PARAM ? inner : inner.substring(0, inner.length() - 2);
        if (kind.isRest() && i != parts.length - 1) {
          throw new IllegalArgumentException(
              "rest parameter must be last in pattern '" + pattern + "'");
        }
        out.add(new Segment(kind, name));
      } else {
        out.add(new Segment(Kind.LITERAL, p));
      }
    }
    return List.copyOf(out);
  }

  /** Builds a {@link PathSpec}. */
  public static final class Builder {
    private final String pattern;
    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final Map<Operation, Handler> handlers = new EnumMap<>(Operation.class);
    private ExistenceCheck existenceCheck;
    private boolean unauthenticated;
    private boolean sudo;
    private String description = "";

    private Builder(String pattern) {
      this.pattern = Objects.requireNonNull(pattern, "pattern");
    }

    /** Declares a field; its value is converted to {@code type} before the handler runs. */
    public Builder field(String name, FieldType type, String description) {
      fields.put(name, new FieldSpec(name, type, description));
      return this;
    }

    /** Declares a field without a description. */
    public Builder field(String name, FieldType type) {
      return field(name, type, "");
    }

    /** Serves {@code operation} with {@code handler}. */
    public Builder on(Operation operation, Handler handler) {
      handlers.put(Objects.requireNonNull(operation), Objects.requireNonNull(handler));
      return this;
    }

    /** Sets the check that decides create versus update. */
    public Builder existence(ExistenceCheck check) {
      this.existenceCheck = check;
      return this;
    }

    /** Lets the path be called without a token. */
    public Builder unauthenticated() {
      this.unauthenticated = true;
      return this;
    }

    /**
     * Marks the path root-protected: callers need {@code sudo} in addition (see {@link #sudo()}).
     */
    public Builder sudo() {
      this.sudo = true;
      return this;
    }

    /** Describes the path. */
    public Builder description(String description) {
      this.description = description == null ? "" : description;
      return this;
    }

    /** Builds the path; fails if no handler was given or the pattern is malformed. */
    public PathSpec build() {
      return new PathSpec(this);
    }
  }
}
