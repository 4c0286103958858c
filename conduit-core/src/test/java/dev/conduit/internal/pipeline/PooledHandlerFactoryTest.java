package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.HttpApplication;
import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.state.HttpApplicationState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An application instance keeps the last reusable handler its request released; its pool gets the one it replaces. */
class PooledHandlerFactoryTest {
    public static class Reusable implements HttpHandler {
        @Override
        public void processRequest(HttpContext context) {}

        @Override
        public boolean isReusable() {
            return true;
        }
    }

    public static class OtherReusable extends Reusable {}

    public static class Disposable extends Reusable {
        @Override
        public boolean isReusable() {
            return false;
        }
    }

    private final ApplicationInstance app = new ApplicationPool(
                    HttpApplication.class,
                    List.of(),
                    false,
                    new HttpApplicationState(),
                    PooledHandlerFactoryTest.class.getClassLoader(),
                    null,
                    Runnable::run)
            .take();

    @Test
    void theInstanceKeepsItsLastReusableHandlerAndGivesTheOneBeforeBackToItsPool() {
        PooledHandlerFactory pool = PooledHandlerFactory.of(Reusable.class);
        PooledHandlerFactory other = PooledHandlerFactory.of(OtherReusable.class);
        HttpHandler first = new Reusable();
        pool.release(first, app);
        assertThat(pool.idleCount()).isZero(); // kept by the instance, not pooled
        assertThat(other.takeKept(app)).isNull(); // another pool's request does not get it
        assertThat(pool.takeKept(app)).isSameAs(first);
        assertThat(pool.takeKept(app)).isNull(); // taken once

        pool.release(first, app);
        HttpHandler second = new OtherReusable();
        other.release(second, app);
        assertThat(pool.idleCount()).isEqualTo(1); // the one the instance kept before went back to its pool
        assertThat(other.idleCount()).isZero();
        assertThat(other.takeKept(app)).isSameAs(second);
    }

    @Test
    void aHandlerThatIsNotReusableIsNeitherKeptNorPooled() {
        PooledHandlerFactory pool = PooledHandlerFactory.of(Disposable.class);
        pool.release(new Disposable(), app);
        assertThat(pool.takeKept(app)).isNull();
        assertThat(pool.idleCount()).isZero();
    }
}
