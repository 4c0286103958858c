package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractFormsAuthenticationBehaviourTest} over a real socket ({@link SocketHost}). */
class FormsAuthenticationBehaviourIT extends AbstractFormsAuthenticationBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return SocketHost.start(site);
    }
}
