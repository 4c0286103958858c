package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractStaticFileBehaviourTest} over a real socket ({@link SocketHost}). */
class StaticFileBehaviourIT extends AbstractStaticFileBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return SocketHost.start(site);
    }
}
