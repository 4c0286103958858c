package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractSessionBehaviourTest} in memory, on TestHost. */
class SessionBehaviourTest extends AbstractSessionBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return InMemoryHost.start(site);
    }
}
