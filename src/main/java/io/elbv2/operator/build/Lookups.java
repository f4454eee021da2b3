package io.elbv2.operator.build;

import io.elbv2.operator.model.InvalidAnnotationException;
import java.util.List;
import java.util.function.Supplier;

/** Look-ups of what an annotation names (subnets, security groups) for the model builders. */
public final class Lookups {

  private Lookups() {}

  /** What a lookup of the annotation's names or ids refuses, as an error naming the annotation. */
  public static <T> List<T> named(String annotation, Supplier<List<T>> lookup) {
    try {
      return lookup.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidAnnotationException(annotation, e.getMessage());
    }
  }
}
