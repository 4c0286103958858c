package dev.conduit.services;

import static dev.conduit.services.SoapTest.S11;
import static dev.conduit.services.SoapTest.envelope;
import static dev.conduit.services.SoapTest.parse;
import static dev.conduit.services.SoapTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a review's probes found, each pinned: hostile values, leaks, and values that did not round-trip. */
class HardeningTest {
    @TempDir
    Path site;

    static final String NS = "http://conduit.dev/probe/";

    static final String PROBE =
            """
            <%@ WebService Language="Java" Class="Probe" %>
            import dev.conduit.services.*;
            import java.math.BigDecimal;
            import java.time.*;
            import java.util.*;

            @WebService(namespace = "http://conduit.dev/probe/")
            @ScriptService
            public class Probe implements java.util.function.Supplier<String> {
                public record Guarded(String name) {
                    public Guarded {
                        if (name == null || name.isEmpty()) {
                            throw new IllegalArgumentException("jdbc:postgresql://db.internal/prod refused " + name);
                        }
                    }
                }
                @WebMethod public BigDecimal Dec(BigDecimal d) { return d; }
                @WebMethod public double Dbl(double d) { return d; }
                @WebMethod public int Int(int i) { return i; }
                @WebMethod public String Guard(Guarded g) { return g.name(); }
                @WebMethod public Duration Span(int minutes) { return Duration.ofMinutes(minutes); }
                @WebMethod public LocalDateTime Local(LocalDateTime t) { return t; }
                @WebMethod public String Echo(String s) { return s; }
                @WebMethod public char Letter(Character c) { return c; }
                @WebMethod public int Count(String[] a, List<String> b) { return a.length + b.size(); }
                @WebMethod public String get() { return "supplied"; }
            }
            """;

    static final String THROWING =
            """
            <%@ WebService Language="Java" Class="Throwing" %>
            import dev.conduit.services.*;
            @ScriptService
            public class Throwing {
                public Throwing() { throw new IllegalStateException("no connection to the ledger"); }
                @WebMethod public int One() { return 1; }
            }
            """;

    private static TestResponse call(TestHost host, String op, String body) {
        return host.post("/Probe.asmx")
                .header("SOAPAction", NS + op)
                .body("text/xml", envelope(S11, "<" + op + " xmlns=\"" + NS + "\">" + body + "</" + op + ">"))
                .send();
    }

    @Test
    void decimalsAndNumbersAreBoundedAndAsciiOnly() throws Exception {
        write(site, "Probe.asmx", PROBE);
        try (TestHost host = TestHost.start(site)) {
            assertThat(call(host, "Dec", "<d>-12345.6789</d>").text()).contains("<DecResult>-12345.6789</DecResult>");
            long start = System.nanoTime();
            TestResponse digits = call(host, "Dec", "<d>" + "7".repeat(1_000_000) + "</d>");
            assertThat(digits.status()).isEqualTo(500);
            assertThat(digits.text()).contains("is not a valid decimal.");
            assertThat(System.nanoTime() - start)
                    .as("refused without parsing a million digits")
                    .isLessThan(2_000_000_000L);
            assertThat(call(host, "Dec", "<d>1E+20000000</d>").text()).contains("is not a valid decimal.");
            assertThat(call(host, "Dec", "<d>" + "9".repeat(30) + "</d>").text())
                    .contains("is not a valid decimal.");
            // other scripts' digits and Java's own number forms are not XML Schema's
            assertThat(call(host, "Int", "<i>\u0661\u0662</i>").text()).contains("is not a valid int.");
            assertThat(call(host, "Dbl", "<d>0x1p3</d>").text()).contains("is not a valid double.");
            assertThat(call(host, "Dbl", "<d>-1.5E3</d>").text()).contains("<DblResult>-1500</DblResult>");

            // JSON keeps a decimal's digits, and refuses one outside the range without writing it out
            TestResponse exact = host.post("/Probe.asmx/Dec")
                    .body("application/json", "{\"d\":12345678901234567890.123456789}")
                    .send();
            assertThat(exact.text()).isEqualTo("{\"d\":12345678901234567890.123456789}");
            TestResponse huge = host.post("/Probe.asmx/Dec")
                    .body("application/json", "{\"d\":1e999999}")
                    .send();
            assertThat(huge.status()).isEqualTo(500);
            assertThat(huge.text().length()).isLessThan(2000);
        }
    }

    @Test
    void namespaceDeclarationsAndAttributesAreCappedPerElement() {
        write(site, "Probe.asmx", PROBE);
        try (TestHost host = TestHost.start(site)) {
            StringBuilder flood = new StringBuilder("<h");
            for (int i = 0; i < 9_999; i++) {
                flood.append(" xmlns:p").append(i).append("=\"u\"");
            }
            flood.append("/>");
            long start = System.nanoTime();
            TestResponse r = host.post("/Probe.asmx")
                    .header("SOAPAction", NS + "Int")
                    .body(
                            "text/xml",
                            "<soap:Envelope xmlns:soap=\"" + S11 + "\"><soap:Header>" + flood
                                    + "</soap:Header><soap:Body><Int xmlns=\"" + NS + "\"><i>1</i></Int></soap:Body>"
                                    + "</soap:Envelope>")
                    .send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("more than 64 attributes and namespace declarations");
            assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        }
    }

    @Test
    void whatTheServicesCodeThrewReachesOnlyCallersThatMaySeeDetails() {
        write(site, "Probe.asmx", PROBE);
        write(site, "Throwing.asmx", THROWING);
        try (TestHost host = TestHost.start(site)) {
            String body = envelope(S11, "<Guard xmlns=\"" + NS + "\"><g><name></name></g></Guard>");
            TestResponse local = host.post("/Probe.asmx")
                    .header("SOAPAction", NS + "Guard")
                    .body("text/xml", body)
                    .send();
            assertThat(local.text()).contains("Guarded could not be made.").contains("db.internal");
            TestResponse remote = host.post("/Probe.asmx")
                    .from("203.0.113.9")
                    .header("SOAPAction", NS + "Guard")
                    .body("text/xml", body)
                    .send();
            assertThat(remote.text()).contains("Guarded could not be made.").doesNotContain("db.internal");

            // a constructor that throws: a fault or a JSON error, not an HTML page
            TestResponse soap = host.post("/Throwing.asmx")
                    .header("SOAPAction", "http://tempuri.org/One")
                    .body("text/xml", envelope(S11, "<One xmlns=\"http://tempuri.org/\"/>"))
                    .send();
            assertThat(soap.status()).isEqualTo(500);
            assertThat(soap.header("Content-Type")).startsWith("text/xml");
            assertThat(soap.text())
                    .contains("<faultcode>soap:Server</faultcode>")
                    .contains("no connection");
            TestResponse json = host.post("/Throwing.asmx/One")
                    .body("application/json", "{}")
                    .send();
            assertThat(json.header("jsonerror")).isEqualTo("true");
            assertThat(json.text()).contains("no connection to the ledger");
        }
    }

    @Test
    void valuesRoundTripAsXmlSchemaWritesThem() throws Exception {
        write(site, "Probe.asmx", PROBE);
        try (TestHost host = TestHost.start(site)) {
            assertThat(call(host, "Span", "<minutes>-90</minutes>").text())
                    .contains("<SpanResult>-PT1H30M</SpanResult>");
            assertThat(call(host, "Local", "<t>2024-01-01T10:00:00.1234567+02:00</t>")
                            .text())
                    .contains("<LocalResult>2024-01-01T08:00:00.1234567</LocalResult>");
            assertThat(call(host, "Letter", "<c>65</c>").text()).contains("<LetterResult>65</LetterResult>");
            assertThat(call(host, "Count", "<a><string>x</string></a><b><string>y</string><string>z</string></b>")
                            .text())
                    .contains("<CountResult>3</CountResult>");
            assertThat(host.get("/Probe.asmx?WSDL").send().status())
                    .isEqualTo(200); // char + Character, String[] + List
            // a generic interface's bridge method is not a second operation
            assertThat(call(host, "get", "").text()).contains("<getResult>supplied</getResult>");

            // a value XML cannot hold is a Server fault, and the response still parses
            TestResponse control = host.post("/Probe.asmx/Echo")
                    .body("application/x-www-form-urlencoded", "s=a%01b")
                    .send();
            assertThat(control.status()).isEqualTo(500);
            TestResponse soap = call(host, "Echo", "<s>ok</s>");
            parse(soap.text());
            TestResponse viaJson = host.post("/Probe.asmx")
                    .header("SOAPAction", NS + "Echo")
                    .body("text/xml", envelope(S11, "<Echo xmlns=\"" + NS + "\"><s>a&#x1;b</s></Echo>"))
                    .send();
            assertThat(viaJson.status()).isEqualTo(500); // XML 1.0 does not allow &#x1; either

            // the request's charset is the body's
            TestResponse latin1 = host.post("/Probe.asmx")
                    .header("SOAPAction", NS + "Echo")
                    .body(("<soap:Envelope xmlns:soap=\"" + S11 + "\"><soap:Body><Echo xmlns=\"" + NS
                                    + "\"><s>caf\u00e9" + "</s></Echo></soap:Body></soap:Envelope>")
                            .getBytes(StandardCharsets.ISO_8859_1))
                    .header("Content-Type", "text/xml; charset=iso-8859-1")
                    .send();
            assertThat(latin1.text()).contains("<EchoResult>caf\u00e9</EchoResult>");

            // a SOAP 1.1 envelope sent as SOAP 1.2: the mismatch in SOAP 1.1's shape
            TestResponse mismatch = host.post("/Probe.asmx")
                    .body("application/soap+xml", envelope(S11, "<Int xmlns=\"" + NS + "\"/>"))
                    .send();
            assertThat(mismatch.text())
                    .contains("<soap:Envelope xmlns:soap=\"" + S11 + "\"")
                    .contains("<faultcode>soap:VersionMismatch</faultcode>");
        }
    }

    @Test
    void aHugeMaxJsonLengthDoesNotOverflow() {
        write(site, "Probe.asmx", PROBE);
        write(
                site,
                "web.config",
                """
                <configuration><system.web.extensions><scripting><webServices>
                  <jsonSerialization maxJsonLength="2147483647"/>
                </webServices></scripting></system.web.extensions></configuration>
                """);
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.post("/Probe.asmx/Int")
                            .body("application/json", "{\"i\":5}")
                            .send()
                            .text())
                    .isEqualTo("{\"d\":5}");
        }
    }
}
