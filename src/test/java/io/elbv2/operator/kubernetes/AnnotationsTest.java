package io.elbv2.operator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.model.InvalidAnnotationException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key-value annotations read as the Go controller's parser reads them (its parser_test cases). */
class AnnotationsTest {

  private static final String NAME = "alb.ingress.kubernetes.io/tags";

  static Stream<Arguments> wellFormed() {
    return Stream.of(
        Arguments.of(
            "key1=value1, key2=value2, key3/with-slash=value3, key4/empty-value=",
            Map.of(
                "key1",
                "value1",
                "key2",
                "value2",
                "key3/with-slash",
                "value3",
                "key4/empty-value",
                "")),
        Arguments.of(
            "key1=value1\\,valueOne, key2= value2, key3/with-slash=value3\\,valueThree",
            Map.of(
                "key1",
                "value1,valueOne",
                "key2",
                "value2",
                "key3/with-slash",
                "value3,valueThree")),
        Arguments.of(
            "key1=Mjk5NzkyNDU4Cg==, foo=ZGF=0=ZQo=, res=value_:/=+-@",
            Map.of("key1", "Mjk5NzkyNDU4Cg==", "foo", "ZGF=0=ZQo=", "res", "value_:/=+-@")),
        Arguments.of("a=1,", Map.of("a", "1,")),
        Arguments.of("a=1,a=2", Map.of("a", "2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void keyValuesAreSplitAsTheGoControllerSplitsThem(String raw, Map<String, String> expected) {
    assertThat(new Annotations(Map.of(NAME, raw)).keyValues(NAME)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"key1,key2", "=value", " =value", "a=1,,b=2", "a=1, b", "a=1,b,c=3"})
  void malformedKeyValuesAreRefusedNamingTheAnnotation(String raw) {
    assertThatThrownBy(() -> new Annotations(Map.of(NAME, raw)).keyValues(NAME))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(NAME + ": ")
        .hasMessageContaining("is not of the form key=value");
  }
}
