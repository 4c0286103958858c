package dev.conduit.interop.npmsoap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conduit.server.ConduitServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm {@code soap} package, run by Node.js, against an .asmx served by Conduit over a socket, as a Node client of
 * an ASP.NET service calls it: {@code src/test/node/client.js} reads {@code ?wsdl} with {@code createClientAsync},
 * calls operations with ints, strings, a record, an array and a List and one that faults, once as the package calls
 * by default (SOAP 1.1) and once with {@code forceSoap12Headers}, and prints what it got as JSON, which this test
 * checks. The package's version is pinned in {@code src/test/node/package.json}; npm installs it under {@code
 * target/npm-soap}. Without node or npm the test is skipped, saying so, except under {@code CI=true}, where that is
 * an error ({@code .ci/run} installs both).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NpmSoapIT {
    /** Why the test skips. */
    static final String MISSING = "no node or npm on the PATH (apt-get install nodejs npm)";

    /** The module's folder: failsafe gives it as {@code basedir}, and runs the test in it. */
    static final Path MODULE = Path.of(System.getProperty("basedir", "."));

    static final Path SOURCES = MODULE.resolve("src/test/node");
    static final Path WORK = MODULE.resolve("target/npm-soap");
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);

    static final String HELLO_NAME = "Ada & <co> \u00c5sa \u65e5\u672c";

    @TempDir
    static Path site;

    private static ConduitServer server;
    private static JsonNode out;
    private static @Nullable String skipped;

    static final String SERVICE =
            """
            <%@ WebService Language="Java" Class="Calc" %>
            import dev.conduit.services.*;
            import java.util.*;

            @WebService(namespace = "http://conduit.dev/calc/")
            public class Calc {
                public record Person(String name, int age, List<String> tags) {}

                @WebMethod public int Add(int a, int b) { return a + b; }
                @WebMethod public String Hello(String name) { return "Hello, " + name; }
                @WebMethod public Person Older(Person p, int years) { return new Person(p.name(), p.age() + years, p.tags()); }
                @WebMethod public int Sum(int[] values) { int s = 0; for (int v : values) s += v; return s; }
                @WebMethod public List<String> Split(String text) { return List.of(text.split(",")); }
                @WebMethod public void Refuse(String account) {
                    throw new SoapException("no such account", SoapFaultCode.CLIENT, "account " + account);
                }
            }
            """;

    @BeforeAll
    static void runTheClient() throws Exception {
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        if (node.isEmpty() || npm.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("node and npm are required under CI=true (.ci/run installs nodejs and npm)");
            }
            System.err.println("SKIPPED NpmSoapIT: " + MISSING);
            skipped = MISSING;
            return;
        }

        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "client.js")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Result install = run(
                // --engine-strict: a Node.js older than the package needs (soap 1.13 wants 20.19) fails here, saying so
                List.of(
                        npm.get().toString(),
                        "install",
                        "--no-audit",
                        "--no-fund",
                        "--no-update-notifier",
                        "--engine-strict"),
                INSTALL_TIMEOUT,
                "npm-install");
        assertThat(install.exit()).as("npm install: %s", install).isZero();

        Files.writeString(site.resolve("Calc.asmx"), SERVICE, StandardCharsets.UTF_8);
        server = ConduitServer.startLocal(site);
        String url = "http://127.0.0.1:" + server.port() + "/Calc.asmx";

        Result client = run(List.of(node.get().toString(), "client.js", url), CLIENT_TIMEOUT, "client");
        assertThat(client.exit()).as("node client.js: %s", client).isZero();
        try {
            out = new ObjectMapper().readTree(client.stdout());
        } catch (JsonProcessingException e) {
            throw new AssertionError("node client.js did not print one JSON object: " + client, e);
        }
        System.out.println("npm soap's answers: " + out.toPrettyString());
    }

    /** Each test is skipped, and counted so, when node or npm is missing. */
    @BeforeEach
    void skipWithoutNode() {
        Assumptions.assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theVersionPinnedIsTheOneThatRan() throws IOException {
        String pinned = new ObjectMapper()
                .readTree(SOURCES.resolve("package.json").toFile())
                .at("/dependencies/soap")
                .asText();
        assertThat(out.get("soapVersion").asText()).isEqualTo(pinned);
    }

    @Test
    void theWsdlGivesBothPortsAndEveryOperation() {
        List<String> ops = List.of("Add", "Hello", "Older", "Refuse", "Split", "Sum");
        JsonNode ports = out.at("/ports/Calc");
        assertThat(names(ports)).containsExactlyInAnyOrder("CalcSoap", "CalcSoap12");
        assertThat(texts(ports.get("CalcSoap"))).isEqualTo(ops);
        assertThat(texts(ports.get("CalcSoap12"))).isEqualTo(ops);
    }

    @Test
    void soap11IntsAndStrings() {
        intsAndStrings(out.get("soap11"));
    }

    @Test
    void soap11ARecord() {
        aRecord(out.get("soap11"));
    }

    @Test
    void soap11AnArrayAndAList() {
        anArrayAndAList(out.get("soap11"));
    }

    @Test
    void soap11AFault() {
        JsonNode error = error(out.at("/soap11/refuse"));
        assertThat(error.get("status").asInt()).isEqualTo(500);
        JsonNode fault = error.get("fault");
        assertThat(fault.get("faultcode").asText()).isEqualTo("soap:Client");
        assertThat(fault.get("faultstring").asText()).isEqualTo("no such account");
        assertThat(fault.get("detail").asText()).isEqualTo("account 42");
        assertThat(error.get("message").asText()).isEqualTo("soap:Client: no such account: \"account 42\"");
    }

    @Test
    void soap12IntsAndStrings() {
        intsAndStrings(out.get("soap12"));
    }

    @Test
    void soap12ARecord() {
        aRecord(out.get("soap12"));
    }

    @Test
    void soap12AnArrayAndAList() {
        anArrayAndAList(out.get("soap12"));
    }

    @Test
    void soap12AFault() {
        JsonNode error = error(out.at("/soap12/refuse"));
        assertThat(error.get("status").asInt()).isEqualTo(500);
        JsonNode fault = error.get("fault");
        assertThat(fault.at("/Code/Value").asText()).isEqualTo("soap:Sender");
        // Text has an attribute (xml:lang), so the package gives it as an object
        assertThat(fault.at("/Reason/Text/$value").asText()).isEqualTo("no such account");
        assertThat(fault.at("/Reason/Text/attributes/xml:lang").asText()).isEqualTo("en");
        assertThat(fault.get("Detail").asText()).isEqualTo("account 42");
        // "soap:Sender: undefined: no such account: ...": the package writes the Subcode it does not find as undefined
        assertThat(error.get("message").asText()).startsWith("soap:Sender: ").contains("no such account");
    }

    // ---- checks shared by both versions -----------------------------------------------------------------------------

    private static void intsAndStrings(JsonNode calls) {
        JsonNode add = result(calls.get("add")).get("AddResult");
        assertThat(add.isNumber()).as("AddResult is a number: %s", add).isTrue();
        assertThat(add.asInt()).isEqualTo(5);
        assertThat(result(calls.get("hello")).get("HelloResult").asText()).isEqualTo("Hello, " + HELLO_NAME);
    }

    private static void aRecord(JsonNode calls) {
        JsonNode person = result(calls.get("older")).get("OlderResult");
        assertThat(names(person)).containsExactly("name", "age", "tags");
        assertThat(person.get("name").asText()).isEqualTo("Grace");
        assertThat(person.get("age").isNumber())
                .as("age is a number: %s", person)
                .isTrue();
        assertThat(person.get("age").asInt()).isEqualTo(45);
        assertThat(texts(person.at("/tags/string"))).containsExactly("navy", "rear admiral");
    }

    private static void anArrayAndAList(JsonNode calls) {
        JsonNode sum = result(calls.get("sum")).get("SumResult");
        assertThat(sum.isNumber()).as("SumResult is a number: %s", sum).isTrue();
        assertThat(sum.asInt()).isEqualTo(10);
        assertThat(texts(result(calls.get("split")).at("/SplitResult/string"))).containsExactly("a", "b", "c");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static JsonNode result(JsonNode call) {
        assertThat(call).as("the call's answer").isNotNull();
        assertThat(call.has("error")).as("the call failed: %s", call).isFalse();
        return call.get("result");
    }

    private static JsonNode error(JsonNode call) {
        assertThat(call).as("the call's answer").isNotNull();
        assertThat(call.has("error")).as("the call did not fail: %s", call).isTrue();
        return call.get("error");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as("an array: %s", array).isTrue();
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** {@code name} in a folder of the PATH (or /usr/bin, /usr/local/bin), if it is there and executable. */
    static Optional<Path> onPath(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin"));
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * Runs {@code command} in {@link #WORK}, its output in files named after {@code name} there (no pipe to fill up),
     * and waits at most {@code timeout}: a command still running then is killed and fails the test.
     */
    static Result run(List<String> command, Duration timeout, String name) throws IOException, InterruptedException {
        Path stdout = WORK.resolve(name + ".out");
        Path stderr = WORK.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(WORK.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.environment().put("NO_COLOR", "1");
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " did not finish within " + timeout + ":\n"
                    + new Result(-1, Files.readString(stdout), Files.readString(stderr)));
        }
        return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
