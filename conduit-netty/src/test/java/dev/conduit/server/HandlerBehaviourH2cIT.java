package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/**
 * {@link AbstractHandlerBehaviourTest} over HTTP/2 in clear text, reached by the first request's {@code Upgrade: h2c}
 * (the JDK HttpClient's way, {@link SocketHost#startH2c}).
 */
class HandlerBehaviourH2cIT extends AbstractHandlerBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return SocketHost.startH2c(site);
    }
}
