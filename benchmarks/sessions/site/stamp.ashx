<%@ WebHandler Language="Java" Class="Stamp" %>
// stamp.ashx?hold=MS: holds the session's lock for MS milliseconds and answers "<entered µs> <left µs>" (wall clock,
// microseconds): two instances on one machine share the clock, so the hand-off of a lock between them is the second
// request's entry minus the first one's exit.

import dev.conduit.HttpContext;
import dev.conduit.HttpHandler;
import dev.conduit.state.RequiresSessionState;
import java.time.Instant;

public class Stamp implements HttpHandler, RequiresSessionState {
    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    @Override
    public void processRequest(HttpContext context) throws Exception {
        long entered = micros();
        context.session().set("touched", entered);
        String hold = context.request().queryString().getFirst("hold");
        Thread.sleep(hold == null ? 0 : Long.parseLong(hold));
        context.response().setContentType("text/plain");
        context.response().write(entered + " " + micros());
    }
}
