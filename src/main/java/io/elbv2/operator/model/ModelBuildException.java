package io.elbv2.operator.model;

/**
 * A model builder failed for another reason than a bad value: a bug, or a look-up (subnets,
 * security groups) that failed. Unlike an {@link InvalidAnnotationException} it may pass by itself,
 * so the object is tried again; the message says where, the cause what.
 */
public class ModelBuildException extends RuntimeException {

  public ModelBuildException(String where, RuntimeException cause) {
    super(where + ": " + describe(cause), cause);
  }

  /**
   * What a builder failed on, for a Warning event or a status condition: the message of a bad value
   * or of this exception, else the kind of failure and its message, which alone may not say much.
   */
  public static String describe(RuntimeException e) {
    if (e instanceof InvalidAnnotationException || e instanceof ModelBuildException) {
      return e.getMessage();
    }
    var message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
