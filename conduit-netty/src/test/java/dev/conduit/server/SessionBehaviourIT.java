package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractSessionBehaviourTest} over a real socket ({@link SocketHost}). */
class SessionBehaviourIT extends AbstractSessionBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return SocketHost.start(site);
    }
}
