package io.isocore.operator.mapping;

/** A NodeTopology status cannot be read: the message names the node, the field and the value. */
public final class InvalidNodeTopologyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidNodeTopologyException(String message) {
    super(message);
  }
}
