package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractStaticFileBehaviourTest} in memory, on TestHost. */
class StaticFileBehaviourTest extends AbstractStaticFileBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return InMemoryHost.start(site);
    }
}
