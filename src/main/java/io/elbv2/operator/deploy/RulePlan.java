package io.elbv2.operator.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The calls that turn a listener's rules as AWS has them into the rules the stack wants, without a
 * moment in which a request that both old and new rules serve gets the listener's default: a rule
 * whose conditions and actions are still wanted is kept and only moved ({@code SetRulePriorities}),
 * one whose priority is still wanted is changed in place ({@code ModifyRule}), new rules are made
 * before old ones go, and every rule reaches its priority through priorities that are free at that
 * moment (AWS refuses two rules on one priority, and moto refuses a swap in one call).
 *
 * <p>The plan, in order: make each new rule at its priority, or at a free spare one (from {@value
 * #LAST_PRIORITY} down) while its own is taken; move each kept rule straight to its priority if
 * free, else to a spare one; modify rules in place; delete what is no longer wanted; move
 * everything parked on a spare priority to its own, in one call; then bring the tags of the rules
 * kept or modified to those of the rule they now are (their resource tag names the priority).
 *
 * @param <W> what the stack wants of a rule, handed back in {@link Create} and {@link Modify}
 */
public record RulePlan<W>(List<Step<W>> steps) {

  /** The highest priority AWS allows on a listener. */
  static final int LAST_PRIORITY = 50000;

  public RulePlan {
    steps = List.copyOf(steps);
  }

  /**
   * A rule the stack wants: its priority, what it does (conditions and actions), compared whole,
   * and its tags.
   */
  public record Wanted<W>(int priority, Object content, Map<String, String> tags, W rule) {

    public Wanted {
      tags = Map.copyOf(tags);
    }
  }

  /** A rule AWS has, with what it does in the same terms as {@link Wanted#content()}. */
  public record Found(String arn, int priority, Object content, Map<String, String> tags) {

    public Found {
      tags = Map.copyOf(tags);
    }
  }

  /** One call to AWS, or for {@link Retag} one or two. */
  public sealed interface Step<W> permits Create, Modify, Delete, Move, Retag {}

  public record Create<W>(W rule, int priority) implements Step<W> {}

  public record Modify<W>(String arn, W rule) implements Step<W> {}

  public record Delete<W>(String arn) implements Step<W> {}

  /** One {@code SetRulePriorities} call; a rule made in this plan is named by its wanted rule. */
  public record Move<W>(Map<Object, Integer> priorities) implements Step<W> {}

  /** {@code AddTags} and {@code RemoveTags} as needed. */
  public record Retag<W>(String arn, TagChanges changes) implements Step<W> {}

  /**
   * @param externallyManaged tag keys others manage, never changed
   */
  public static <W> RulePlan<W> between(
      List<Wanted<W>> wanted, List<Found> found, Set<String> externallyManaged) {
    var steps = new ArrayList<Step<W>>();
    var kept = new LinkedHashMap<Found, Wanted<W>>();
    var unmatchedWanted = new ArrayList<Wanted<W>>();
    var unmatchedFound = new ArrayList<>(found);
    for (var want : wanted) {
      var same =
          unmatchedFound.stream().filter(f -> f.content().equals(want.content())).findFirst();
      if (same.isPresent()) {
        kept.put(same.get(), want);
        unmatchedFound.remove(same.get());
      } else {
        unmatchedWanted.add(want);
      }
    }
    var modified = new LinkedHashMap<Found, Wanted<W>>();
    for (var want : List.copyOf(unmatchedWanted)) {
      var samePriority =
          unmatchedFound.stream().filter(f -> f.priority() == want.priority()).findFirst();
      if (samePriority.isPresent()) {
        modified.put(samePriority.get(), want);
        unmatchedFound.remove(samePriority.get());
        unmatchedWanted.remove(want);
      }
    }
    var taken = new HashSet<Integer>();
    found.forEach(f -> taken.add(f.priority()));
    var spares = new Spares(taken, wanted);
    var parked = new LinkedHashMap<Object, Integer>();
    for (var want : unmatchedWanted) {
      if (taken.contains(want.priority())) {
        var spare = spares.next();
        steps.add(new Create<>(want.rule(), spare));
        parked.put(want.rule(), want.priority());
      } else {
        steps.add(new Create<>(want.rule(), want.priority()));
        taken.add(want.priority());
      }
    }
    // One call per rule here: a rule may move into the priority another has just left.
    for (var entry : kept.entrySet()) {
      var from = entry.getKey().priority();
      var to = entry.getValue().priority();
      if (from == to) {
        continue;
      }
      var arn = entry.getKey().arn();
      if (!taken.contains(to)) {
        steps.add(new Move<>(Map.of(arn, to)));
        taken.add(to);
      } else {
        steps.add(new Move<>(Map.of(arn, spares.next())));
        parked.put(arn, to);
      }
      taken.remove(from);
    }
    modified.forEach((f, want) -> steps.add(new Modify<>(f.arn(), want.rule())));
    unmatchedFound.forEach(f -> steps.add(new Delete<>(f.arn())));
    if (!parked.isEmpty()) {
      steps.add(new Move<>(parked));
    }
    var retained = new LinkedHashMap<>(kept);
    retained.putAll(modified);
    for (var entry : retained.entrySet()) {
      var changes =
          TagChanges.between(entry.getKey().tags(), entry.getValue().tags(), externallyManaged);
      if (!changes.none()) {
        steps.add(new Retag<>(entry.getKey().arn(), changes));
      }
    }
    return new RulePlan<>(steps);
  }

  /** Free priorities from the top, none of them wanted or in use. */
  private static final class Spares {
    private final Set<Integer> avoid = new TreeSet<>();
    private int next = LAST_PRIORITY;

    Spares(Set<Integer> taken, List<? extends Wanted<?>> wanted) {
      avoid.addAll(taken);
      wanted.forEach(w -> avoid.add(w.priority()));
    }

    int next() {
      while (avoid.contains(next)) {
        next--;
      }
      avoid.add(next);
      return next--;
    }
  }

  /** How many calls of each kind the plan makes. */
  public Map<String, Integer> calls() {
    var counts = new HashMap<String, Integer>();
    steps.forEach(step -> counts.merge(step.getClass().getSimpleName(), 1, Integer::sum));
    return counts;
  }
}
