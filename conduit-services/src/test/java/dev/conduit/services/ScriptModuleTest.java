package dev.conduit.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.AsyncEventHandler;
import dev.conduit.HttpApplication;
import dev.conduit.PipelineEvent;
import dev.conduit.services.internal.ScriptModule;
import org.junit.jupiter.api.Test;

/** The script services' module, which is in every site's built-in module list. */
class ScriptModuleTest {
    @Test
    void itsSubscriberIsAsynchronousSoThatRequestsStayOnTheirNetworkThread() {
        // A synchronous subscriber may block: the runtime would move every request to a virtual thread for it.
        HttpApplication app = new HttpApplication() {};
        new ScriptModule().init(app);
        assertThat(HttpApplication.RuntimeAccess.subscribersOf(app, PipelineEvent.END_REQUEST))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s).isInstanceOf(AsyncEventHandler.class));
    }
}
