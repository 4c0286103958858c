package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.AsyncEventHandler;
import dev.conduit.EventHandler;
import dev.conduit.HttpContext;
import dev.conduit.PipelineEvent;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the runner knows of a step without asking it per request ({@link Step#flags}). */
class StepTest {
    private static Step.Subscriber on(Object handler, boolean managedOnly) {
        return new Step.Subscriber(PipelineEvent.BEGIN_REQUEST, handler, managedOnly);
    }

    @Test
    void aSitesSynchronousSubscriberMayAlwaysBlock() {
        EventHandler site = context -> {};
        assertThat(Step.flags(on(site, false))).isEqualTo(Step.MAY_BLOCK);
        assertThat(Step.flags(on(site, true))).isEqualTo(Step.MAY_BLOCK | Step.MANAGED_ONLY);
    }

    @Test
    void aBuiltInSubscriberIsAskedOnlyWhenItDecidesPerRequest() {
        NonBlocking.Subscriber never = context -> {};
        NonBlocking.Subscriber perRequest = new NonBlocking.Subscriber() {
            @Override
            public void handle(HttpContext context) {}

            @Override
            public boolean mayBlock(HttpContext context) {
                return true;
            }
        };
        assertThat(Step.flags(on(never, false))).isZero();
        assertThat(Step.flags(on(perRequest, false))).isEqualTo(Step.ASKS);
        assertThat(Step.flags(on(perRequest, true))).isEqualTo(Step.ASKS | Step.MANAGED_ONLY);
    }

    @Test
    void anAsyncSubscriberNeverBlocks_theHandlersExecutionIsAsked_theOtherRuntimeStepsAreNot() {
        AsyncEventHandler async = context -> CompletableFuture.completedFuture(null);
        assertThat(Step.flags(on(async, false))).isZero();
        assertThat(Step.flags(Step.Internal.EXECUTE_HANDLER)).isEqualTo(Step.ASKS);
        assertThat(Step.flags(Step.Internal.VALIDATE)).isZero();
        assertThat(Step.flags(Step.Internal.MAP_HANDLER)).isZero();
        assertThat(Step.flags(Step.Internal.DEFAULT_AUTHENTICATION)).isZero();
    }
}
