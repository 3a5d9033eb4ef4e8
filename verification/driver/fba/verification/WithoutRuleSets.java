package fba.verification;

import de.uka.ilkd.key.logic.PosInOccurrence;
import de.uka.ilkd.key.proof.Goal;
import de.uka.ilkd.key.rule.RuleApp;
import de.uka.ilkd.key.rule.RuleSet;
import de.uka.ilkd.key.rule.Taclet;
import de.uka.ilkd.key.strategy.RuleAppCost;
import de.uka.ilkd.key.strategy.RuleAppCostCollector;
import de.uka.ilkd.key.strategy.Strategy;
import de.uka.ilkd.key.strategy.TopRuleAppCost;
import de.uka.ilkd.key.strategy.feature.MutableState;

import org.key_project.logic.Name;

import java.util.Set;

/**
 * KeY's strategy with some taclet rule sets never applied (issue 12). KeY's class-axiom option
 * "off" still leaves the rule set {@code partialInvAxiom}, which unfolds a class invariant clause by
 * clause wherever {@code <inv>} stands in the antecedent; a proof that only chains contracts gets
 * buried under the unfolded clauses. Withholding rules is sound: it can only make a proof fail.
 */
final class WithoutRuleSets implements Strategy {

    private final Strategy inner;
    private final Set<String> blocked;

    WithoutRuleSets(Strategy inner, Set<String> blocked) {
        this.inner = inner;
        this.blocked = blocked;
    }

    private boolean isBlocked(RuleApp app) {
        if (app.rule() instanceof Taclet) {
            for (RuleSet set : ((Taclet) app.rule()).getRuleSets()) {
                if (blocked.contains(set.name().toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public RuleAppCost computeCost(RuleApp app, PosInOccurrence pio, Goal goal, MutableState state) {
        return isBlocked(app) ? TopRuleAppCost.INSTANCE : inner.computeCost(app, pio, goal, state);
    }

    @Override
    public boolean isApprovedApp(RuleApp app, PosInOccurrence pio, Goal goal) {
        return !isBlocked(app) && inner.isApprovedApp(app, pio, goal);
    }

    @Override
    public void instantiateApp(RuleApp app, PosInOccurrence pio, Goal goal, RuleAppCostCollector collector) {
        // The inner strategy may offer instantiated applications of its own: withhold those too.
        inner.instantiateApp(app, pio, goal, (instance, cost) -> {
            if (!isBlocked(instance)) {
                collector.collect(instance, cost);
            }
        });
    }

    @Override
    public boolean isStopAtFirstNonCloseableGoal() {
        return inner.isStopAtFirstNonCloseableGoal();
    }

    @Override
    public Name name() {
        return inner.name();
    }
}
