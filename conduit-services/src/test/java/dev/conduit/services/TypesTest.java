package dev.conduit.services;

import static dev.conduit.services.SoapTest.S11;
import static dev.conduit.services.SoapTest.envelope;
import static dev.conduit.services.SoapTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every type of the mapping through SOAP, both ways; a recursive type; a bean; a one-way operation. */
class TypesTest {
    @TempDir
    Path site;

    static final String NS = "http://conduit.dev/types/";

    static final String TYPES =
            """
            <%@ WebService Language="Java" Class="Types" %>
            import dev.conduit.services.*;
            import java.math.BigDecimal;
            import java.time.*;
            import java.util.*;

            @WebService(namespace = "http://conduit.dev/types/")
            public class Types {
                public enum Color { RED, GREEN }
                public record All(int i, long l, short s, byte b, boolean z, double d, float f, BigDecimal m,
                        String text, char c, Integer boxed, Color color, OffsetDateTime at, Instant when,
                        LocalDateTime local, LocalDate day, Duration span, UUID id, byte[] bytes) {}
                public record Node(String name, List<Node> children) {}
                public static class Bean {
                    private String title; private int pages;
                    public Bean() {}
                    public String getTitle() { return title; } public void setTitle(String t) { title = t; }
                    public int getPages() { return pages; } public void setPages(int p) { pages = p; }
                }

                @WebMethod public All Echo(All all) { return all; }
                @WebMethod public int Count(Node tree) {
                    int n = 1;
                    if (tree.children() != null) for (Node c : tree.children()) n += Count(c);
                    return n;
                }
                @WebMethod public Node Tree(int depth) {
                    return depth == 0 ? new Node("leaf", List.of()) : new Node("d" + depth, List.of(Tree(depth - 1)));
                }
                @WebMethod public Bean Longer(Bean b) { b.setPages(b.getPages() + 1); return b; }

                @WebMethod @SoapDocumentMethod(oneWay = true)
                public void Log(String line) throws Exception {
                    Thread.sleep(200);
                    java.nio.file.Files.writeString(java.nio.file.Path.of(line), "done");
                }
            }
            """;

    private static TestResponse call(TestHost host, String op, String body) {
        return host.post("/Types.asmx")
                .header("SOAPAction", NS + op)
                .body("text/xml", envelope(S11, "<" + op + " xmlns=\"" + NS + "\">" + body + "</" + op + ">"))
                .send();
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        write(site, "Types.asmx", TYPES);
        try (TestHost host = TestHost.start(site)) {
            String all = "<i>-7</i><l>9000000000</l><s>12</s><b>-3</b><z>1</z><d>INF</d><f>2.5</f><m>1.10</m>"
                    + "<text> spaced &lt;x&gt; </text><c>65</c><boxed>4</boxed><color>GREEN</color>"
                    + "<at>2026-12-06T10:15:30+02:00</at><when>2026-12-06T08:15:30Z</when>"
                    + "<local>2026-12-06T10:15:30</local><day>2026-12-06</day><span>PT1H30M</span>"
                    + "<id>123e4567-e89b-12d3-a456-426614174000</id><bytes>AAEC/w==</bytes>";
            TestResponse r = call(host, "Echo", "<all>" + all + "</all>");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.text())
                    .contains("<EchoResult><i>-7</i><l>9000000000</l><s>12</s><b>-3</b><z>true</z><d>INF</d>"
                            + "<f>2.5</f><m>1.10</m><text> spaced &lt;x&gt; </text><c>65</c><boxed>4</boxed>"
                            + "<color>GREEN</color><at>2026-12-06T10:15:30+02:00</at><when>2026-12-06T08:15:30Z"
                            + "</when><local>2026-12-06T10:15:30</local><day>2026-12-06</day><span>PT1H30M</span>"
                            + "<id>123e4567-e89b-12d3-a456-426614174000</id><bytes>AAEC/w==</bytes></EchoResult>");
            // nothing but the value types: the defaults, nulls left out, the box nil
            TestResponse empty = call(host, "Echo", "<all/>");
            assertThat(empty.text())
                    .contains("<EchoResult><i>0</i><l>0</l><s>0</s><b>0</b><z>false</z><d>0</d><f>0</f><c>0</c>"
                            + "<boxed xsi:nil=\"true\"/><color>RED</color></EchoResult>");
            String wsdl = host.get("/Types.asmx?WSDL").send().text();
            assertThat(wsdl)
                    .contains("name=\"m\" type=\"s:decimal\"")
                    .contains("name=\"c\" type=\"s1:char\"")
                    .contains("name=\"id\" type=\"s1:guid\"")
                    .contains("xmlns:s1=\"http://microsoft.com/wsdl/types/\"")
                    .contains("<s:import namespace=\"http://microsoft.com/wsdl/types/\"/>")
                    .contains(
                            "<s:schema elementFormDefault=\"qualified\" targetNamespace=\"http://microsoft.com/wsdl/types/\">"
                                    + "<s:simpleType name=\"char\">")
                    .contains("name=\"bytes\" type=\"s:base64Binary\"")
                    .contains("name=\"span\" type=\"s:duration\"")
                    .contains("name=\"day\" type=\"s:date\"")
                    .contains("<s:simpleType name=\"guid\">")
                    .contains("<s:complexType name=\"Bean\"><s:sequence><s:element minOccurs=\"1\" maxOccurs=\"1\""
                            + " name=\"pages\" type=\"s:int\"/><s:element minOccurs=\"0\" maxOccurs=\"1\" name=\"title\""
                            + " type=\"s:string\"/>")
                    .contains("<s:complexType name=\"ArrayOfNode\"><s:sequence><s:element minOccurs=\"0\""
                            + " maxOccurs=\"unbounded\" name=\"Node\" nillable=\"true\" type=\"tns:Node\"/>");
        }
    }

    @Test
    void recursiveTypesBeansAndOneWayCalls() throws Exception {
        write(site, "Types.asmx", TYPES);
        try (TestHost host = TestHost.start(site)) {
            TestResponse count = call(
                    host,
                    "Count",
                    "<tree><name>a</name><children><Node><name>b</name>"
                            + "<children><Node><name>c</name></Node></children></Node><Node><name>d</name></Node></children>"
                            + "</tree>");
            assertThat(count.text()).contains("<CountResult>4</CountResult>");
            assertThat(call(host, "Tree", "<depth>2</depth>").text())
                    .contains("<TreeResult><name>d2</name><children><Node><name>d1</name><children><Node><name>leaf"
                            + "</name><children></children></Node></children></Node></children></TreeResult>");
            assertThat(call(host, "Longer", "<b><title>Dune</title><pages>412</pages></b>")
                            .text())
                    .contains("<LongerResult><pages>413</pages><title>Dune</title></LongerResult>");

            // one-way: 202 at once, the method runs afterwards
            Path marker = site.resolve("oneway.txt");
            long start = System.nanoTime();
            TestResponse log = call(host, "Log", "<line>" + marker + "</line>");
            assertThat(log.status()).isEqualTo(202);
            assertThat(log.text()).isEmpty();
            assertThat(Files.exists(marker))
                    .as("answered before the method ran")
                    .isFalse();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!Files.exists(marker) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(marker).hasContent("done");
            assertThat(System.nanoTime() - start).isGreaterThan(150_000_000L);
            assertThat(host.get("/Types.asmx?WSDL").send().text())
                    .contains("<wsdl:operation name=\"Log\"><wsdl:input message=\"tns:LogSoapIn\"/></wsdl:operation>");
        }
    }
}
