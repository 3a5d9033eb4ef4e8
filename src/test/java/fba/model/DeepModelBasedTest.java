package fba.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fba.core.Profile;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.ActionChain;

/**
 * Deep configuration for the full gate ({@code mvn -B -Pdeep verify}; excluded from the default
 * build by its tag): 3 x 1200 chains of up to 100 requests (substrate, strict, proposal), at
 * least 10^5 requests in total, which the container checks once all properties have run.
 */
@Tag("deep")
class DeepModelBasedTest {

    static final int TRIES = 1200;
    static final int ACTIONS = 100;
    static final long REQUIRED_REQUESTS = 100_000;

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

    @BeforeContainer
    static void startCounting() {
        ModelChains.REQUESTS.set(0);
    }

    @AfterContainer
    static void metTheBudget() {
        long sent = ModelChains.REQUESTS.get();
        System.out.println("deep model-based run: " + sent + " requests");
        assertTrue(sent >= REQUIRED_REQUESTS, "deep run sent only " + sent + " requests, needs " + REQUIRED_REQUESTS);
    }
}
