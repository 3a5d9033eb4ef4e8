package fba.model;

import fba.core.Profile;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * Quick configuration of the stateful model-based test, part of every {@code mvn verify}:
 * random protocol sessions (malloc, free, invalid frees, pokes, grow, truncate, re-init) checked
 * against {@link AllocatorModel} response by response, with every invariant after every step.
 * A failure shrinks and prints the chain as a regression vector. The proposal profile has its own
 * model ({@link ProposalModel}) and actions ({@link ProposalActions}).
 */
class ModelBasedTest {

    static final int TRIES = 200;
    static final int ACTIONS = 40;

    @Property(tries = TRIES)
    void substrateProfileAgreesWithModel(@ForAll("substrate") ActionChain<ModelRun> chain) {
        ModelChains.run(chain);
    }

    @Property(tries = TRIES)
    void strictProfileAgreesWithModel(@ForAll("strict") ActionChain<ModelRun> chain) {
        ModelChains.run(chain);
    }

    @Property(tries = TRIES)
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
