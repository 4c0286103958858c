package dev.conduit.server;

import dev.conduit.NameValueCollection;
import dev.conduit.runtime.RuntimeOptions;
import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@link SiteHost} in memory: the site on a {@link TestHost}, requests handed to the runtime without a socket. */
final class InMemoryHost implements SiteHost {
    private final TestHost host;

    private InMemoryHost(TestHost host) {
        this.host = host;
    }

    static InMemoryHost start(RuntimeOptions site) {
        return new InMemoryHost(TestHost.start(site));
    }

    @Override
    public Reply send(String method, String target, Map<String, String> headers, byte[] body) {
        TestHost.Request request = host.request(method, target).body(body);
        headers.forEach(request::header);
        TestResponse r = request.send();
        Map<String, List<String>> names = new LinkedHashMap<>();
        NameValueCollection h = r.headers();
        for (int i = 0; i < h.size(); i++) {
            names.computeIfAbsent(h.name(i).toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(h.value(i));
        }
        return new Reply(r.status(), names, r.body(), r.contentLength());
    }

    @Override
    public void close() {
        host.close();
    }
}
