package dev.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.runtime.RuntimeOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link AbstractHandlerBehaviourTest} over a real socket ({@link SocketHost}), and what only a socket shows: the
 * headers the server adds, and a 413 read while the client is still sending.
 */
class HandlerBehaviourIT extends AbstractHandlerBehaviourTest {
    @Override
    protected SiteHost start(RuntimeOptions site) {
        return SocketHost.start(site);
    }

    @Test
    void everyResponseOverTheWireCarriesDateAndServer() {
        Reply r = host().get("/plaintext");
        assertThat(r.header("Server")).isEqualTo("Conduit");
        assertThat(r.header("Date")).isNotNull();
    }

    /**
     * The server answers 413 as soon as it sees the declared length, while the client is still sending: closing
     * with the body unread would reset the connection, and the client would see "connection reset" instead.
     */
    @Test
    void aClientStillSendingABodyFarOverTheLimitReads413() {
        byte[] body = new byte[32 * 1024 * 1024];
        for (int i = 0; i < 3; i++) {
            Reply r = host().send("POST", "/small/echo.x", Map.of(), body);
            assertThat(r.status()).isEqualTo(413);
        }
    }
}
