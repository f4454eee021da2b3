package io.elbv2.operator.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.elbv2.operator.model.InvalidAnnotationException;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object of an annotation ({@code actions.<name>}, {@code conditions.<name>}), read as the
 * Go controller's decoder reads it: a field matches its name exactly or else in any case ({@code
 * targetGroupArn} is {@code targetGroupARN}), {@code null} is a field not given, and a value of the
 * wrong type is refused naming the annotation.
 */
record AnnotationJson(String annotation, JsonNode node) {

  AnnotationJson {
    if (!node.isObject()) {
      throw new InvalidAnnotationException(annotation, node + " is not a JSON object");
    }
  }

  AnnotationJson object(String field) {
    var value = get(field);
    return value == null ? null : new AnnotationJson(annotation, value);
  }

  List<AnnotationJson> objects(String field) {
    var value = get(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(field + " is not a list");
    }
    var objects = new ArrayList<AnnotationJson>();
    value.forEach(v -> objects.add(new AnnotationJson(annotation, v)));
    return objects;
  }

  /** A string, or a number written as one (a {@code servicePort} may be either). */
  String text(String field) {
    var value = get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual() && !value.isIntegralNumber()) {
      throw invalid(field + " is " + value + ", not a string");
    }
    return value.asText();
  }

  /** A list of strings; empty when not given. */
  List<String> texts(String field) {
    var value = get(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(field + " is " + value + ", not a list of strings");
    }
    var texts = new ArrayList<String>();
    for (var item : value) {
      if (!item.isTextual()) {
        throw invalid(field + " holds " + item + ", not a string");
      }
      texts.add(item.asText());
    }
    return texts;
  }

  String required(String field, String missing) {
    var value = text(field);
    if (value == null || value.isEmpty()) {
      throw invalid(missing);
    }
    return value;
  }

  Integer integer(String field) {
    var value = get(field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw invalid(field + " is " + value + ", not a whole number");
    }
    return value.intValue();
  }

  Boolean bool(String field) {
    var value = get(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(field + " is " + value + ", not true or false");
    }
    return value.booleanValue();
  }

  InvalidAnnotationException invalid(String reason) {
    return new InvalidAnnotationException(annotation, reason);
  }

  private JsonNode get(String field) {
    var value = node.get(field);
    if (value == null) {
      for (var entry : node.properties()) {
        if (entry.getKey().equalsIgnoreCase(field)) {
          value = entry.getValue();
          break;
        }
      }
    }
    return value == null || value.isNull() ? null : value;
  }
}
