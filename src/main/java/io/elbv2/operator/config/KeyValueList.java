package io.elbv2.operator.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code key1=value1,key2=value2}, the format of the Go controller's map-valued flags. */
final class KeyValueList {

  private KeyValueList() {}

  /** Entries in order; each malformed entry adds a problem naming {@code property}. */
  static Map<String, String> parse(String property, String text, List<String> problems) {
    var entries = new LinkedHashMap<String, String>();
    for (var entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        problems.add(property + ": '" + entry.trim() + "' is not of the form key=value");
        continue;
      }
      var key = entry.substring(0, equals).trim();
      if (entries.put(key, entry.substring(equals + 1).trim()) != null) {
        problems.add(property + ": key '" + key + "' is given twice");
      }
    }
    return entries;
  }
}
