package dev.conduit.server;

import dev.conduit.runtime.RuntimeOptions;

/** {@link AbstractSessionBehaviourTest} over HTTP/2: TLS with ALPN h2, the JDK HttpClient ({@link SocketHost#startH2}). */
class SessionBehaviourH2IT extends AbstractSessionBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return SocketHost.startH2(site);
    }
}
