package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractHandlerBehaviourTest} in memory, on TestHost. */
class HandlerBehaviourTest extends AbstractHandlerBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return InMemoryHost.start(site);
    }
}
