package fba.model;

import fba.core.Profile;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;

/** Builds the action chains shared by the quick and the deep model-based tests. */
final class ModelChains {

    /** Requests sent by all chains in this JVM, so the deep run can show it met its budget. */
    static final AtomicLong REQUESTS = new AtomicLong();

    private ModelChains() {
    }

    static Arbitrary<ActionChain<ModelRun>> chains(Profile profile, int maxActions) {
        ActionChainArbitrary<ModelRun> chains = ActionChain.startWith(() -> new ModelRun(profile));
        for (Action<ModelRun> action : ModelActions.all()) {
            chains = chains.withAction(ModelActions.weight(action), action);
        }
        return chains.withMaxTransformations(maxActions);
    }

    /** Runs a chain, checking every invariant after every step. */
    static void run(ActionChain<ModelRun> chain) {
        chain.withInvariant("model agrees with implementation", ModelRun::checkInvariants).run();
        REQUESTS.addAndGet(chain.transformations().size());
    }
}
