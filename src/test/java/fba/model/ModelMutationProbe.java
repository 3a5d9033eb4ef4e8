package fba.model;

import fba.core.Profile;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.state.ActionChain;

/**
 * The model-based test in the form PIT runs it for every mutant: fixed seeds (so a mutant is
 * killed or not the same way on every run), fewer chains, and no shrinking (PIT only needs the
 * verdict). It also runs in the default build, as a deterministic companion of
 * {@link ModelBasedTest}.
 */
class ModelMutationProbe {

    static final int TRIES = 120;
    static final int ACTIONS = 40;

    @Property(tries = TRIES, seed = "20261125", shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void substrateProfileAgreesWithModel(@ForAll("substrate") ActionChain<ModelRun> chain) {
        ModelChains.run(chain);
    }

    @Property(tries = TRIES, seed = "4294967296", shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void strictProfileAgreesWithModel(@ForAll("strict") ActionChain<ModelRun> chain) {
        ModelChains.run(chain);
    }

    @Property(tries = TRIES, seed = "1981", shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void proposalProfileAgreesWithItsModel(@ForAll("proposal") ActionChain<ProposalRun> chain) {
        ProposalActions.run(chain, ModelChains.REQUESTS);
    }

    @Provide
    Arbitrary<ActionChain<ProposalRun>> proposal() {
        return ProposalActions.chains(ACTIONS);
    }

    @Provide
    Arbitrary<ActionChain<ModelRun>> substrate() {
        return ModelChains.chains(Profile.SUBSTRATE, ACTIONS);
    }

    @Provide
    Arbitrary<ActionChain<ModelRun>> strict() {
        return ModelChains.chains(Profile.STRICT, ACTIONS);
    }
}
