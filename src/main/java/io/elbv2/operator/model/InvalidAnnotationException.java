package io.elbv2.operator.model;

/**
 * An annotation (or field) whose value cannot be used; the message names it and says what is
 * allowed.
 */
public class InvalidAnnotationException extends RuntimeException {

  private final String annotation;

  public InvalidAnnotationException(String annotation, String message) {
    super(annotation + ": " + message);
    this.annotation = annotation;
  }

  public String annotation() {
    return annotation;
  }
}
