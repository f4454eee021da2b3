package io.elbv2.operator.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngressPathsTest {

  @Test
  void exactPathsComeFirstThenPrefixesLongestFirstThenTheRestAsWritten() {
    var paths =
        List.of(
            path("/b", null),
            path("/api", "Prefix"),
            path("/", "Prefix"),
            path("/health", "Exact"),
            path("/a", "ImplementationSpecific"),
            path("/api/v2", "Prefix"),
            path("/new", "Prefix"));

    assertThat(IngressPaths.inRuleOrder(paths))
        .extracting(HTTPIngressPath::getPath)
        .containsExactly("/health", "/api/v2", "/api", "/new", "/", "/b", "/a");
  }

  @ParameterizedTest(name = "{1} {0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/ | Prefix | /*",
        "/foo | Prefix | /foo,/foo/*",
        "/foo/ | Prefix | /foo,/foo/*",
        "/foo | Exact | /foo",
        "/foo/* | ImplementationSpecific | /foo/*",
        "/*.png | | /*.png"
      })
  void pathsBecomeTheGoControllersPathPatterns(String path, String type, String patterns) {
    assertThat(IngressPaths.patterns(path(path, type)))
        .containsExactlyElementsOf(Arrays.asList(patterns.split(",")));
  }

  @ParameterizedTest(name = "{1} {0}")
  @CsvSource({"/foo/*, Prefix", "/fo?, Exact"})
  void wildcardsInExactOrPrefixPathsAreRefused(String path, String type) {
    assertThatThrownBy(() -> IngressPaths.patterns(path(path, type)))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageContaining(type + " path " + path + " may not hold the wildcards");
  }

  @Test
  void unknownPathTypeIsRefused() {
    assertThatThrownBy(() -> IngressPaths.inRuleOrder(List.of(path("/x", "Regex"))))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageContaining("'Regex' of path /x is unknown");
  }

  static HTTPIngressPath path(String path, String type) {
    return new HTTPIngressPathBuilder().withPath(path).withPathType(type).build();
  }
}
