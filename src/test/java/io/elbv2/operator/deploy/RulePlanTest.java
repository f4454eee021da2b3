package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.deploy.RulePlan.Create;
import io.elbv2.operator.deploy.RulePlan.Delete;
import io.elbv2.operator.deploy.RulePlan.Found;
import io.elbv2.operator.deploy.RulePlan.Modify;
import io.elbv2.operator.deploy.RulePlan.Move;
import io.elbv2.operator.deploy.RulePlan.Retag;
import io.elbv2.operator.deploy.RulePlan.Wanted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulePlanTest {

  private static final String RESOURCE = "ingress.k8s.aws/resource";

  @Test
  void rulesAsWantedNeedNoCall() {
    var plan =
        between(
            List.of(wanted(1, "/a"), wanted(2, "/b")),
            List.of(found("r1", 1, "/a"), found("r2", 2, "/b")));

    assertThat(plan.steps()).isEmpty();
    assertThat(apply(plan, List.of(found("r1", 1, "/a"), found("r2", 2, "/b"))))
        .isEqualTo(Map.of(1, "/a", 2, "/b"));
  }

  @Test
  void aRuleInsertedAheadMovesTheOthersWithoutDeletingOrRecreatingThem() {
    var found = List.of(found("r1", 1, "/a"), found("r2", 2, "/b"));

    var plan = between(List.of(wanted(1, "/new"), wanted(2, "/a"), wanted(3, "/b")), found);

    assertThat(plan.calls()).doesNotContainKeys("Delete", "Modify").containsEntry("Create", 1);
    assertThat(apply(plan, found)).isEqualTo(Map.of(1, "/new", 2, "/a", 3, "/b"));
  }

  @Test
  void twoRulesThatSwapPrioritiesGoThroughAFreeOne() {
    var found = List.of(found("r1", 1, "/a"), found("r2", 2, "/b"));

    var plan = between(List.of(wanted(1, "/b"), wanted(2, "/a")), found);

    assertThat(plan.calls()).containsOnlyKeys("Move");
    assertThat(apply(plan, found)).isEqualTo(Map.of(1, "/b", 2, "/a"));
  }

  @Test
  void aChangedPathIsModifiedInPlaceAndTheRestIsLeftAlone() {
    var found = List.of(found("r1", 1, "/a"), found("r2", 2, "/b"), found("r3", 3, "/c"));

    var plan = between(List.of(wanted(1, "/a"), wanted(2, "/b2"), wanted(3, "/c")), found);

    assertThat(plan.steps()).containsExactly(new Modify<>("r2", "/b2"));
    assertThat(apply(plan, found)).isEqualTo(Map.of(1, "/a", 2, "/b2", 3, "/c"));
  }

  @Test
  void removedRulesGoLastAndTheRestCloseUp() {
    var found = List.of(found("r1", 1, "/a"), found("r2", 2, "/b"), found("r3", 3, "/c"));

    var plan = between(List.of(wanted(1, "/a"), wanted(2, "/c")), found);

    assertThat(plan.calls()).containsEntry("Delete", 1).doesNotContainKeys("Create");
    assertThat(plan.steps().get(plan.steps().size() - 1)).isInstanceOf(Move.class);
    assertThat(apply(plan, found)).isEqualTo(Map.of(1, "/a", 2, "/c"));
  }

  @Test
  void aReorderedGroupOfTenEndsAsWantedWithNoDeletes() {
    var found = new ArrayList<Found>();
    var wanted = new ArrayList<Wanted<String>>();
    for (int i = 1; i <= 10; i++) {
      found.add(found("r" + i, i, "/p" + i));
      wanted.add(wanted(i, "/p" + (11 - i)));
    }

    var plan = between(wanted, found);

    assertThat(plan.calls()).containsOnlyKeys("Move");
    var expected = new HashMap<Integer, String>();
    wanted.forEach(w -> expected.put(w.priority(), w.rule()));
    assertThat(apply(plan, found)).isEqualTo(expected);
  }

  @Test
  void aMovedRuleTakesTheResourceTagOfItsNewPriorityOnceEveryRuleIsInPlace() {
    var found = List.of(found("r1", 1, "/a", tagged(1)), found("r2", 2, "/b", tagged(2)));

    var plan =
        between(
            List.of(
                wanted(1, "/a", tagged(1)),
                wanted(2, "/new", tagged(2)),
                wanted(3, "/b", tagged(3))),
            found);

    assertThat(plan.steps().stream().filter(Retag.class::isInstance))
        .containsExactly(new Retag<>("r2", new TagChanges(tagged(3), Set.of())));
    assertThat(plan.steps().get(plan.steps().size() - 1)).isInstanceOf(Retag.class);
    assertThat(apply(plan, found)).isEqualTo(Map.of(1, "/a", 2, "/new", 3, "/b"));
  }

  @Test
  void aRuleModifiedInPlaceGetsTheWantedTagsAndKeepsThoseManagedElsewhere() {
    var found =
        List.of(found("r1", 1, "/a", Map.of(RESOURCE, "80:1", "team", "old", "cost", "shared")));

    var plan =
        RulePlan.between(
            List.of(wanted(1, "/b", Map.of(RESOURCE, "80:1", "owner", "web"))),
            found,
            Set.of("cost"));

    assertThat(plan.steps())
        .containsExactly(
            new Modify<>("r1", "/b"),
            new Retag<>("r1", new TagChanges(Map.of("owner", "web"), Set.of("team"))));
  }

  private static RulePlan<String> between(List<Wanted<String>> wanted, List<Found> found) {
    return RulePlan.between(wanted, found, Set.of());
  }

  private static Map<String, String> tagged(int priority) {
    return Map.of(RESOURCE, "80:" + priority);
  }

  private static Wanted<String> wanted(int priority, String path) {
    return wanted(priority, path, Map.of());
  }

  private static Wanted<String> wanted(int priority, String path, Map<String, String> tags) {
    return new Wanted<>(priority, path, tags, path);
  }

  private static Found found(String arn, int priority, String path) {
    return found(arn, priority, path, Map.of());
  }

  private static Found found(String arn, int priority, String path, Map<String, String> tags) {
    return new Found(arn, priority, path, tags);
  }

  /**
   * Runs the plan as AWS would, refusing two rules on one priority at every call, and returns the
   * listener's rules by priority.
   */
  private static Map<Integer, String> apply(RulePlan<String> plan, List<Found> found) {
    var priorityOf = new HashMap<String, Integer>();
    var contentOf = new HashMap<String, String>();
    found.forEach(
        f -> {
          priorityOf.put(f.arn(), f.priority());
          contentOf.put(f.arn(), (String) f.content());
        });
    var arnOfCreated = new HashMap<Object, String>();
    int made = 0;
    for (var step : plan.steps()) {
      if (step instanceof Create<String> create) {
        var arn = "new" + made++;
        assertFree(priorityOf, create.priority(), null);
        priorityOf.put(arn, create.priority());
        contentOf.put(arn, create.rule());
        arnOfCreated.put(create.rule(), arn);
      } else if (step instanceof Modify<String> modify) {
        contentOf.put(modify.arn(), modify.rule());
      } else if (step instanceof Delete<String> delete) {
        priorityOf.remove(delete.arn());
        contentOf.remove(delete.arn());
      } else if (step instanceof Move<String> move) {
        for (var entry : move.priorities().entrySet()) {
          var arn =
              entry.getKey() instanceof String s && priorityOf.containsKey(s)
                  ? s
                  : arnOfCreated.get(entry.getKey());
          assertFree(priorityOf, entry.getValue(), arn);
          priorityOf.put(arn, entry.getValue());
        }
      }
    }
    var result = new HashMap<Integer, String>();
    priorityOf.forEach((arn, priority) -> result.put(priority, contentOf.get(arn)));
    return result;
  }

  private static void assertFree(Map<String, Integer> priorityOf, int priority, String mover) {
    assertThat(priorityOf.entrySet())
        .as("priority %d is free", priority)
        .noneMatch(e -> e.getValue() == priority && !e.getKey().equals(mover));
  }
}
