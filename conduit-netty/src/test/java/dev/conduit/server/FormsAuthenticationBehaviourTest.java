package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractFormsAuthenticationBehaviourTest} in memory, on TestHost. */
class FormsAuthenticationBehaviourTest extends AbstractFormsAuthenticationBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return InMemoryHost.start(site);
    }
}
