package dev.coffer.spi;

import java.util.Objects;

/**
 * One field a {@link PathSpec} accepts.
 *
 * @param name the field's name in the JSON body or query string
 * @param type how the server converts the incoming value
 * @param description what the field means, for documentation
 */
public record FieldSpec(String name, FieldType type, String description) {
  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
  }
}
