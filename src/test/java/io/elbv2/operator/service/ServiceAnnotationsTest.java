package io.elbv2.operator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.build.nlb.ServiceAnnotations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ServiceAnnotationsTest {

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void readmeTableListsExactlyTheSupportedAndRefusedAnnotations() throws IOException {
    var states = readmeServiceAnnotationStates();

    assertThat(states.values()).containsOnly("supported", "refused");

    assertThat(namesIn(states, "supported"))
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(
                    ServiceAnnotations.SUPPORTED.stream(),
                    Stream.of(ServiceAnnotations.PORT_TARGET_GROUP_ATTRIBUTES))
                .toList());
    assertThat(namesIn(states, "refused"))
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(
                    ServiceAnnotations.REFUSED.stream(),
                    ServiceAnnotations.REFUSED_PREFIXES.stream())
                .toList());
  }

  private static Set<String> namesIn(Map<String, String> states, String state) {
    return states.entrySet().stream()
        .filter(entry -> entry.getValue().equals(state))
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Each annotation in the first column of the README's Service annotation table, in full (a {@code
   * <placeholder>} ends a family's prefix), and its state: the second column's first word.
   */
  private static Map<String, String> readmeServiceAnnotationStates() throws IOException {
    var lines = Files.readAllLines(Path.of("README.md"));
    var rows =
        lines.stream()
            .dropWhile(line -> !line.equals("### Service annotations"))
            .dropWhile(line -> !line.startsWith("|"))
            .takeWhile(line -> line.startsWith("|"))
            .skip(2)
            .toList();
    assertThat(rows).as("rows of the Service annotation table").isNotEmpty();
    var states = new TreeMap<String, String>();
    for (var row : rows) {
      var cells = List.of(row.split("\\|", -1));
      var state = cells.get(2).trim().split(" ")[0];
      var matcher = CODE.matcher(cells.get(1));
      while (matcher.find()) {
        var name = matcher.group(1);
        var full = ServiceAnnotations.PREFIX + name.replaceFirst("<.*$", "");
        assertThat(states.put(full, state)).as("%s listed twice", full).isNull();
      }
    }
    return states;
  }
}
