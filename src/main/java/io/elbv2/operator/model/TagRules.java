package io.elbv2.operator.model;

import java.util.Map;
import java.util.Set;

/**
 * What AWS and the operator allow as tags a user asks for: AWS takes keys of at most 128 and values
 * of at most 256 characters and keeps the {@code aws:} prefix to itself; the ownership tags are the
 * operator's; keys managed outside the operator ({@code elbv2.external-managed-tags}) are left to
 * whoever manages them. Checked before anything is made, so a bad tag never half-makes a stack.
 */
public final class TagRules {

  public static final int MAX_KEY_LENGTH = 128;
  public static final int MAX_VALUE_LENGTH = 256;

  private TagRules() {}

  /**
   * @param source the annotation or setting the tags come from, named in the error
   * @param reservedPrefixes key prefixes the operator writes itself
   */
  public static void check(
      String source,
      Map<String, String> tags,
      Set<String> reservedPrefixes,
      Set<String> externalManagedTags) {
    tags.forEach(
        (key, value) -> {
          if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidAnnotationException(
                source,
                "tag key '"
                    + abbreviated(key)
                    + "' has "
                    + key.length()
                    + " characters; AWS allows "
                    + MAX_KEY_LENGTH);
          }
          if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidAnnotationException(
                source,
                "value of tag '"
                    + abbreviated(key)
                    + "' has "
                    + value.length()
                    + " characters; AWS allows "
                    + MAX_VALUE_LENGTH);
          }
          if (key.toLowerCase().startsWith("aws:")) {
            throw new InvalidAnnotationException(
                source, "tag '" + key + "' uses the prefix aws:, which AWS keeps for itself");
          }
          if (reservedPrefixes.stream().anyMatch(key::startsWith)) {
            throw new InvalidAnnotationException(
                source, "tag '" + key + "' is reserved for the operator");
          }
          if (externalManagedTags.contains(key)) {
            throw new InvalidAnnotationException(
                source,
                "tag '" + key + "' is managed outside the operator (elbv2.external-managed-tags)");
          }
        });
  }

  private static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
