package dev.conduit.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One tab of a headless Chromium, driven over the Chrome DevTools Protocol, for tests that use a page as a person
 * would: open a URL, type into a field, click a button with the mouse, wait for the page the click leads to, then read
 * the DOM or take a screenshot. {@link Chromium#open()} starts one.
 *
 * <pre>{@code
 * try (BrowserSession browser = chromium.open()) {
 *     browser.navigate(base + "/form.html");
 *     browser.type("#name", "Ada");
 *     browser.clickAndWaitForLoad("#send");
 *     assertThat(browser.text("#greeting")).isEqualTo("Hello, Ada");
 * }
 * }</pre>
 *
 * <p>Each method blocks until Chromium has done what it asks, for at most the timeout given to {@link
 * Chromium#open(java.time.Duration)} (30 s by default), and then fails with an {@link AssertionError} naming what it
 * waited for. A selector that matches nothing, a script that throws and a navigation that fails are {@code
 * AssertionError}s too, so a test reports them as failures. Selectors are CSS selectors for {@code
 * document.querySelector}; the first match is used.
 *
 * <p>A page has loaded when its document fired its load event; the session tells documents apart by their loader (the
 * protocol's id for one document's load, in {@code Page.lifecycleEvent}), so a wait is never ended by the load of a
 * page from before, one still loading or one in an iframe.
 *
 * <p>Not thread-safe: one test drives a session from one thread. Chromium's replies and events arrive on the
 * WebSocket's thread, which only completes replies and records events for this thread to wait on. The caller closes
 * the session.
 */
public final class BrowserSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The size of the page's viewport, in CSS pixels, and of a screenshot, in pixels. */
    static final int WIDTH = 1024, HEIGHT = 768;

    private final Process process;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    /** The {@code Page} domain's events so far, in order; a waiter reads from the mark it took before acting. */
    private final List<JsonNode> events = new ArrayList<>();

    private final WebSocket socket;
    private volatile @Nullable Throwable lost;

    private BrowserSession(Process process, URI page, Duration timeout) {
        this.process = process;
        this.timeout = timeout;
        this.socket = await(http.newWebSocketBuilder().buildAsync(page, new Listener()), "the DevTools connection");
    }

    /**
     * Starts {@code command}, a Chromium with {@code --remote-debugging-port=0} and {@code --user-data-dir=profile},
     * and connects to its tab. Called by {@link Chromium#open(Duration)}.
     */
    static BrowserSession start(List<String> command, Path profile, Duration timeout)
            throws IOException, InterruptedException {
        // stdout and stderr discarded: a pipe nobody reads would block Chromium once full.
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        long deadline = System.nanoTime() + timeout.toNanos();
        BrowserSession session = null;
        try {
            int port = awaitPort(process, profile.resolve("DevToolsActivePort"), deadline, timeout);
            session = new BrowserSession(process, pageTarget(port, deadline, timeout), timeout);
            session.call("Page.enable", Map.of());
            session.call("Page.setLifecycleEventsEnabled", Map.of("enabled", true));
            session.call("Runtime.enable", Map.of());
            // The window's size includes a browser frame even when headless; the page is given the whole of it.
            session.call(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
            return session;
        } catch (Throwable e) {
            if (session != null) {
                session.close();
            } else {
                process.destroyForcibly();
            }
            throw e;
        }
    }

    /**
     * Opens {@code url} in the tab and waits for the load event of the page it gives (at once for a URL that differs
     * only in its fragment: no page loads).
     *
     * @throws AssertionError when the navigation fails (no server there, say) or the page does not load in time
     */
    public void navigate(String url) {
        int mark = mark();
        JsonNode reply = call("Page.navigate", Map.of("url", url));
        String error = reply.path("errorText").asText("");
        if (!error.isEmpty()) {
            throw new AssertionError("navigating to " + url + " failed: " + error);
        }
        String loader = reply.path("loaderId").asText("");
        if (!loader.isEmpty()) {
            // By its loader, the document's own load: not one of a page still loading from before.
            awaitEvent(
                    mark,
                    "load event of " + url,
                    e -> isLoad(e) && e.path("loaderId").asText().equals(loader));
        }
    }

    /**
     * Runs {@code js} as an expression in the page, awaiting it if it is a promise, and gives its value: a string as it
     * is, {@code undefined} as {@code "undefined"}, anything else as JSON ({@code 42}, {@code true}, {@code null},
     * {@code {"a":1}}).
     *
     * @throws AssertionError with the exception's text when the script throws or its promise rejects
     */
    public String evaluate(String js) {
        JsonNode value = value(js);
        if (value.isMissingNode()) {
            return "undefined";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /**
     * Types {@code text} into the element {@code selector} as a keyboard would: the element takes the focus, the caret
     * goes to the end of its value, and {@code Input.insertText} inserts the text there, so the page sees {@code
     * beforeinput} and {@code input} events ({@code change} comes when the focus leaves, as for a person). What the
     * field held stays before the text.
     *
     * @throws AssertionError when no element matches or the element cannot take the focus
     */
    public void type(String selector, String text) {
        value("(() => { const e = " + element(selector) + "; e.focus();"
                + " if (document.activeElement !== e) throw new Error('cannot focus ' + " + literal(selector) + ");"
                // Inputs whose type has no selection (number, email) refuse setSelectionRange; their caret is
                // already at the end.
                + " try { const end = e.value.length; e.setSelectionRange(end, end); } catch (ignored) {} })()");
        call("Input.insertText", Map.of("text", text));
    }

    /**
     * Clicks the middle of the element {@code selector} with the left mouse button, after scrolling it into view: the
     * browser's own mouse events, so the element on top at that point is the one that gets the click, as for a person.
     * Does not wait for what the click starts; see {@link #clickAndWaitForLoad}.
     *
     * @throws AssertionError when no element matches, it has no box (not displayed), or another element covers its
     *     middle
     */
    public void click(String selector) {
        String name = literal(selector);
        JsonNode point = value("(() => { const e = " + element(selector) + ";"
                + " e.scrollIntoView({block: 'center', inline: 'center'});"
                + " const r = e.getBoundingClientRect();"
                + " if (r.width === 0 || r.height === 0) throw new Error(" + name + " + ' is not displayed');"
                + " const x = r.left + r.width / 2, y = r.top + r.height / 2;"
                + " const hit = document.elementFromPoint(x, y);"
                + " if (hit === null || !e.contains(hit))"
                + "   throw new Error(" + name
                + " + ' is covered by ' + (hit === null ? 'nothing' : hit.outerHTML.slice(0, 200)));"
                + " return {x, y}; })()");
        double x = point.path("x").asDouble();
        double y = point.path("y").asDouble();
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
        }
    }

    /**
     * Clicks {@code selector} as {@link #click} does, then waits for the load event of the page the click leads to (a
     * form's submission, a link).
     *
     * @throws AssertionError as {@link #click} does, or when no page loads in time
     */
    public void clickAndWaitForLoad(String selector) {
        JsonNode frame = call("Page.getFrameTree", Map.of()).path("frameTree").path("frame");
        String id = frame.path("id").asText();
        String current = frame.path("loaderId").asText();
        int mark = mark();
        click(selector);
        // The load of another document in the tab's main frame, not of an iframe or of the page clicked on.
        awaitEvent(
                mark,
                "load event of a new page after clicking " + selector,
                e -> isLoad(e)
                        && e.path("frameId").asText().equals(id)
                        && !e.path("loaderId").asText().equals(current));
    }

    /**
     * Presses Enter in the element {@code selector} (it takes the focus first) with the browser's own key events
     * ({@code keydown}, {@code keypress} with key code 13, {@code keyup}), then waits for the load of the page that
     * leads to: a form's implicit submission, or what a page's key handler does.
     *
     * @throws AssertionError when no element matches or cannot take the focus, or when no page loads in time
     */
    public void pressEnterAndWaitForLoad(String selector) {
        value("(() => { const e = " + element(selector) + "; e.focus();"
                + " if (document.activeElement !== e) throw new Error('cannot focus ' + " + literal(selector)
                + "); })()");
        JsonNode frame = call("Page.getFrameTree", Map.of()).path("frameTree").path("frame");
        String id = frame.path("id").asText();
        String current = frame.path("loaderId").asText();
        int mark = mark();
        call(
                "Input.dispatchKeyEvent",
                Map.of("type", "keyDown", "key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13, "text", "\r"));
        call(
                "Input.dispatchKeyEvent",
                Map.of("type", "keyUp", "key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13));
        awaitEvent(
                mark,
                "load event of a new page after pressing Enter in " + selector,
                e -> isLoad(e)
                        && e.path("frameId").asText().equals(id)
                        && !e.path("loaderId").asText().equals(current));
    }

    /** The page's DOM as it is now, as HTML ({@code document.documentElement.outerHTML}). */
    public String dom() {
        return evaluate("document.documentElement.outerHTML");
    }

    /**
     * The text of the element {@code selector} as rendered ({@code innerText}).
     *
     * @throws AssertionError when no element matches
     */
    public String text(String selector) {
        return value(element(selector) + ".innerText").asText();
    }

    /** Saves what the tab shows now, 1024 by 768 pixels, as a PNG to {@code png}, creating its folder. */
    public void screenshot(Path png) throws IOException {
        String data = call("Page.captureScreenshot", Map.of("format", "png"))
                .path("data")
                .asText();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /**
     * Asks Chromium to close, and stops its process if it has not exited 5 s later. Deletes nothing: the profile stays
     * in the folder given to {@link Chromium#find}.
     */
    @Override
    public void close() {
        try {
            if (lost == null) {
                // No wait for the reply: Chromium may exit, dropping the connection, before it sends one.
                send(message(ids.incrementAndGet(), "Browser.close", Map.of()), "Browser.close");
            }
        } catch (AssertionError e) {
            // The connection is gone already; the process is stopped below all the same.
        } finally {
            socket.abort();
            http.shutdownNow();
            stop();
        }
    }

    private void stop() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the command {@code method} and gives the result of its reply. */
    private JsonNode call(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        try {
            send(message(id, method, params), method);
            JsonNode answer = await(reply, "the reply to " + method);
            JsonNode error = answer.path("error");
            if (!error.isMissingNode()) {
                throw new AssertionError(
                        method + " failed: " + error.path("message").asText() + " " + params);
            }
            return answer.path("result");
        } finally {
            replies.remove(id);
        }
    }

    /** The value of {@code js}, missing when it is {@code undefined}; see {@link #evaluate}. */
    private JsonNode value(String js) {
        JsonNode result =
                call("Runtime.evaluate", Map.of("expression", js, "returnByValue", true, "awaitPromise", true));
        JsonNode thrown = result.path("exceptionDetails");
        if (!thrown.isMissingNode()) {
            JsonNode exception = thrown.path("exception");
            String text = exception
                    .path("description")
                    .asText(exception.path("value").asText(thrown.path("text").asText()));
            throw new AssertionError("the script threw " + text + "\nscript: " + js);
        }
        return result.path("result").path("value");
    }

    /** A script giving the element {@code selector}, or throwing an error that names it. */
    private static String element(String selector) {
        String name = literal(selector);
        return "(() => { const e = document.querySelector(" + name + ");"
                + " if (e === null) throw new Error('no element matches ' + " + name + "); return e; })()";
    }

    /** {@code text} as a JavaScript string literal (JSON's string syntax is JavaScript's). */
    private static String literal(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    private static String message(int id, String method, Map<String, ?> params) {
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        return message.toString();
    }

    private synchronized void send(String message, String what) {
        Throwable cause = lost;
        if (cause != null) {
            throw new AssertionError("cannot send " + what + ": " + cause.getMessage(), cause);
        }
        // One message at a time: the WebSocket refuses a send while another is under way.
        await(socket.sendText(message, true), "sending " + what);
    }

    /** Where a wait for an event caused by what the caller does next starts reading. */
    private int mark() {
        synchronized (events) {
            return events.size();
        }
    }

    /** Waits for an event from {@code mark} on that {@code matches}. */
    private void awaitEvent(int mark, String what, Predicate<JsonNode> matches) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            for (int i = mark; ; ) {
                for (; i < events.size(); i++) {
                    if (matches.test(events.get(i))) {
                        return;
                    }
                }
                Throwable cause = lost;
                if (cause != null) {
                    throw new AssertionError("no " + what + ": " + cause.getMessage(), cause);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(events, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    /** Whether {@code event} is a {@code Page.lifecycleEvent} saying that a document fired its load event. */
    private static boolean isLoad(JsonNode event) {
        return event.path("method").asText().equals("Page.lifecycleEvent")
                && event.path("name").asText().equals("load");
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError("no " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** Called on the WebSocket's thread with each whole message. */
    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            disconnected(new IllegalStateException("Chromium sent a message that is not JSON: " + text, e));
            return;
        }
        JsonNode id = message.path("id");
        if (!id.isMissingNode()) {
            CompletableFuture<JsonNode> reply = replies.remove(id.asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        if (method.startsWith("Page.")) {
            // The params, with the method among them, so a predicate can look at both.
            ObjectNode event =
                    message.path("params") instanceof ObjectNode params ? params.deepCopy() : JSON.createObjectNode();
            event.put("method", method);
            synchronized (events) {
                events.add(event);
                events.notifyAll();
            }
        }
    }

    /** Fails every wait, now and later: Chromium will answer no more. */
    private void disconnected(Throwable cause) {
        lost = cause;
        replies.values().forEach(f -> f.completeExceptionally(cause));
        synchronized (events) {
            events.notifyAll();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            // A long message (a screenshot, a big DOM) comes in parts.
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                receive(whole);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            disconnected(new IllegalStateException(
                    "Chromium closed the DevTools connection (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            disconnected(new IllegalStateException("the DevTools connection failed: " + error, error));
        }
    }

    /** Waits for the port Chromium listens on, the first line of the {@code DevToolsActivePort} file it writes. */
    private static int awaitPort(Process process, Path file, long deadline, Duration timeout)
            throws IOException, InterruptedException {
        while (true) {
            // A first line ended by its newline is whole, however Chromium writes the file.
            String text = Files.exists(file) ? Files.readString(file) : "";
            int end = text.indexOf('\n');
            if (end > 0) {
                return Integer.parseInt(text.substring(0, end).trim());
            }
            if (!process.isAlive()) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + " before writing " + file);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Chromium did not write " + file + " within " + timeout.toMillis() + " ms");
            }
            // Polling: Chromium tells no one else that it is listening.
            Thread.sleep(20);
        }
    }

    /** The WebSocket address of the tab, from {@code /json/list}, where the tab may appear a moment after the port. */
    private static URI pageTarget(int port, long deadline, Duration timeout) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(timeout)
                    .build();
            while (true) {
                for (JsonNode target :
                        JSON.readTree(client.send(list, BodyHandlers.ofString()).body())) {
                    if (target.path("type").asText().equals("page")) {
                        return URI.create(target.path("webSocketDebuggerUrl").asText());
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError(
                            "Chromium listed no page at " + list.uri() + " within " + timeout.toMillis() + " ms");
                }
                Thread.sleep(20);
            }
        }
    }
}
