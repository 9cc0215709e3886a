package io.isocore.mapping;

/**
 * A resource that cannot be read into core's model; the message names the object, the field and
 * what was expected, ready for a condition, an Event or a CLI error line.
 */
public final class InvalidResourceException extends IllegalArgumentException {

  /** The message names the resource and the field. */
  public InvalidResourceException(String message) {
    super(message);
  }

  /**
   * A field with a wrong value.
   *
   * @param resource the object, as {@code Kind name} or {@code Kind namespace/name}
   * @param field the field path, e.g. {@code spec.reservedCpus}
   * @param problem what is wrong, e.g. {@code is missing}
   */
  public static InvalidResourceException field(String resource, String field, String problem) {
    return new InvalidResourceException(resource + ": " + field + " " + problem);
  }
}
