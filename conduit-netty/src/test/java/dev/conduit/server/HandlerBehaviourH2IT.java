package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractHandlerBehaviourTest} over HTTP/2: TLS with ALPN h2, the JDK HttpClient ({@link SocketHost#startH2}). */
class HandlerBehaviourH2IT extends AbstractHandlerBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return SocketHost.startH2(site);
    }
}
