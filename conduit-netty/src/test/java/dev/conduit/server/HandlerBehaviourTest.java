package dev.conduit.server;

import dev.conduit.NameValueCollection;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@link AbstractHandlerBehaviourTest} in memory, on {@link TestHost}. */
class HandlerBehaviourTest extends AbstractHandlerBehaviourTest {
    private TestHost host;

    @Override
    protected void startHost(Path siteRoot) {
        host = TestHost.start(siteRoot);
    }

    @Override
    protected void stopHost() {
        host.close();
    }

    @Override
    protected Reply send(String method, String target, Map<String, String> headers, byte[] body) {
        TestHost.Request request = host.request(method, target).body(body);
        headers.forEach(request::header);
        TestResponse r = request.send();
        Map<String, String> names = new HashMap<>();
        NameValueCollection h = r.headers();
        for (int i = 0; i < h.size(); i++) {
            names.putIfAbsent(h.name(i).toLowerCase(Locale.ROOT), h.value(i));
        }
        return new Reply(r.status(), names, r.body(), r.contentLength());
    }
}
