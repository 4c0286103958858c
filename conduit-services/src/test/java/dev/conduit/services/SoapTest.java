package dev.conduit.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** SOAP 1.1 and 1.2 against an .asmx compiled from its file: dispatch, values, faults, WSDL, help page. */
class SoapTest {
    @TempDir
    Path site;

    static final String NS = "http://conduit.dev/calc/";
    static final String S11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String S12 = "http://www.w3.org/2003/05/soap-envelope";

    static final String CALC =
            """
            <%@ WebService Language="Java" Class="Calc" %>
            import dev.conduit.services.*;
            import java.util.*;

            @WebService(namespace = "http://conduit.dev/calc/", description = "Arithmetic, people and faults.")
            public class Calc extends WebServiceBase {
                public enum Mood { HAPPY, GRUMPY }
                public record Person(String name, int age, List<String> tags, Mood mood, Integer shoeSize) {}

                @WebMethod(description = "Adds two numbers.")
                public int Add(int a, int b) { return a + b; }

                @WebMethod
                public String Hello(String name) { return "Hello, " + name + " from " + getContext().request().httpMethod(); }

                @WebMethod
                public Person Older(Person p, int years) {
                    return new Person(p.name(), p.age() + years, p.tags(), p.mood(), p.shoeSize());
                }

                @WebMethod
                public int[] Squares(int[] values) {
                    int[] out = new int[values.length];
                    for (int i = 0; i < values.length; i++) out[i] = values[i] * values[i];
                    return out;
                }

                @WebMethod
                public int Divide(int a, int b) { return a / b; }

                @WebMethod
                public void Refuse(String account) {
                    throw new SoapException("no such account", SoapFaultCode.CLIENT, "account " + account);
                }

                @WebMethod(messageName = "AddLongs")
                public long Add(long a, long b) { return a + b; }
            }
            """;

    static Path write(Path root, String path, String text) {
        Path p = root.resolve(path);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static String envelope(String ns, String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + ns + "\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    static TestResponse soap11(TestHost host, String action, String body) {
        return host.post("/Calc.asmx")
                .header("SOAPAction", "\"" + action + "\"")
                .body("text/xml; charset=utf-8", envelope(S11, body))
                .send();
    }

    static TestResponse soap12(TestHost host, String contentTypeParams, String body) {
        return host.post("/Calc.asmx")
                .body("application/soap+xml; charset=utf-8" + contentTypeParams, envelope(S12, body))
                .send();
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void soap11AndSoap12CallAnOperationDispatchedAsAspNetDoes() throws Exception {
        write(site, "Calc.asmx", CALC);
        try (TestHost host = TestHost.start(site)) {
            TestResponse add = soap11(host, NS + "Add", "<Add xmlns=\"" + NS + "\"><a>2</a><b>3</b></Add>");
            assertThat(add.status()).as(add.text()).isEqualTo(200);
            assertThat(add.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
            assertThat(add.text())
                    .startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                    .contains("<soap:Envelope xmlns:soap=\"" + S11 + "\"")
                    .contains("<soap:Body><AddResponse xmlns=\"" + NS + "\"><AddResult>5</AddResult></AddResponse>"
                            + "</soap:Body>");
            parse(add.text());

            // 1.2: on the action parameter, then on the body element's name
            TestResponse byAction = soap12(
                    host,
                    "; action=\"" + NS + "AddLongs\"",
                    "<AddLongs xmlns=\"" + NS + "\"><a>4000000000</a><b>1</b></AddLongs>");
            assertThat(byAction.status()).as(byAction.text()).isEqualTo(200);
            assertThat(byAction.header("Content-Type")).isEqualTo("application/soap+xml; charset=utf-8");
            assertThat(byAction.text()).contains("<AddLongsResult>4000000001</AddLongsResult>");
            TestResponse byElement = soap12(host, "", "<Hello xmlns=\"" + NS + "\"><name>Ada &amp; co</name></Hello>");
            assertThat(byElement.text()).contains("<HelloResult>Hello, Ada &amp; co from POST</HelloResult>");

            // unknown elements are ignored, missing ones take their default
            TestResponse lenient =
                    soap11(host, NS + "Add", "<Add xmlns=\"" + NS + "\"><extra><deep>1</deep></extra><b>7</b></Add>");
            assertThat(lenient.text()).contains("<AddResult>7</AddResult>");
        }
    }

    @Test
    void recordsListsEnumsArraysAndNilTravelBothWays() throws Exception {
        write(site, "Calc.asmx", CALC);
        try (TestHost host = TestHost.start(site)) {
            TestResponse older = soap11(
                    host,
                    NS + "Older",
                    "<Older xmlns=\"" + NS + "\"><p><name>Grace</name>"
                            + "<age>40</age><tags><string>navy</string><string>cobol</string></tags><mood>GRUMPY</mood>"
                            + "<shoeSize xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/></p>"
                            + "<years>5</years></Older>");
            assertThat(older.status()).as(older.text()).isEqualTo(200);
            assertThat(older.text())
                    .contains("<OlderResult><name>Grace</name><age>45</age><tags><string>navy</string>"
                            + "<string>cobol</string></tags><mood>GRUMPY</mood><shoeSize xsi:nil=\"true\"/>"
                            + "</OlderResult>");
            TestResponse squares = soap11(
                    host,
                    NS + "Squares",
                    "<Squares xmlns=\"" + NS + "\"><values><int>2</int><int>-3</int></values>" + "</Squares>");
            assertThat(squares.text()).contains("<SquaresResult><int>4</int><int>9</int></SquaresResult>");
        }
    }

    @Test
    void faultsHaveEachVersionsShapeAndStatus() throws Exception {
        write(site, "Calc.asmx", CALC);
        try (TestHost host = TestHost.start(site)) {
            // a method's exception: a Server fault; this caller is local, so it sees the message
            TestResponse divide = soap11(host, NS + "Divide", "<Divide xmlns=\"" + NS + "\"><a>1</a><b>0</b></Divide>");
            assertThat(divide.status()).isEqualTo(500);
            assertThat(divide.text())
                    .contains("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process"
                            + " request. ---&gt; java.lang.ArithmeticException: / by zero</faultstring><detail/>"
                            + "</soap:Fault>");
            parse(divide.text());
            // a remote caller does not (customErrors RemoteOnly, the default)
            TestResponse remote = host.post("/Calc.asmx")
                    .from("203.0.113.9")
                    .header("SOAPAction", NS + "Divide")
                    .body("text/xml", envelope(S11, "<Divide xmlns=\"" + NS + "\"><a>1</a><b>0</b></Divide>"))
                    .send();
            assertThat(remote.text())
                    .contains("<faultstring>Server was unable to process request.</faultstring>")
                    .doesNotContain("ArithmeticException");

            // the service's own fault, in SOAP 1.2's shape
            TestResponse refused = soap12(host, "", "<Refuse xmlns=\"" + NS + "\"><account>42</account></Refuse>");
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.text())
                    .contains("<soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code><soap:Reason>"
                            + "<soap:Text xml:lang=\"en\">no such account</soap:Text></soap:Reason><soap:Detail>"
                            + "account 42</soap:Detail></soap:Fault>");

            // what the client got wrong: each a Client fault saying what, never a stack trace
            assertThat(soap11(host, NS + "Nope", "<Nope xmlns=\"" + NS + "\"/>").text())
                    .contains("<faultcode>soap:Client</faultcode><faultstring>Server did not recognize the value of"
                            + " HTTP Header SOAPAction: " + NS + "Nope.</faultstring>");
            TestResponse notAnInt = soap11(host, NS + "Add", "<Add xmlns=\"" + NS + "\"><a>abc</a><b>1</b></Add>");
            assertThat(notAnInt.status()).isEqualTo(500);
            assertThat(notAnInt.text())
                    .contains("<faultcode>soap:Client</faultcode>")
                    .contains("Server was unable to read request. ---&gt; There is an error in XML document (1,")
                    .contains("'abc' is not a valid int.");
            TestResponse malformed = host.post("/Calc.asmx")
                    .header("SOAPAction", NS + "Add")
                    .body("text/xml", "<soap:Envelope xmlns:soap=\"" + S11 + "\"><soap:Body><Add>")
                    .send();
            assertThat(malformed.status()).isEqualTo(500);
            assertThat(malformed.text())
                    .contains("<faultcode>soap:Client</faultcode>")
                    .doesNotContain("at java.");
            TestResponse noAction = host.post("/Calc.asmx")
                    .body("text/xml", envelope(S11, "<Add/>"))
                    .send();
            assertThat(noAction.text()).contains("<faultcode>soap:Client</faultcode>");
            TestResponse json =
                    host.post("/Calc.asmx").body("application/json", "{}").send();
            assertThat(json.status()).isEqualTo(415);
            assertThat(json.text()).contains("Unsupported Media Type: 'application/json'");
            TestResponse mismatch = host.post("/Calc.asmx")
                    .header("SOAPAction", NS + "Add")
                    .body("text/xml", envelope(S12, "<Add xmlns=\"" + NS + "\"/>"))
                    .send();
            // in the shape of the envelope's version, so that its sender can read it
            assertThat(mismatch.text())
                    .contains("<soap:Envelope xmlns:soap=\"" + S12 + "\"")
                    .contains("<soap:Value>soap:VersionMismatch</soap:Value>");
            TestResponse mustUnderstand = host.post("/Calc.asmx")
                    .header("SOAPAction", NS + "Add")
                    .body(
                            "text/xml",
                            "<soap:Envelope xmlns:soap=\"" + S11 + "\"><soap:Header><Auth xmlns=\"urn:x\""
                                    + " soap:mustUnderstand=\"1\"/></soap:Header><soap:Body><Add xmlns=\"" + NS + "\"/>"
                                    + "</soap:Body></soap:Envelope>")
                    .send();
            assertThat(mustUnderstand.text()).contains("<faultcode>soap:MustUnderstand</faultcode>");
        }
    }

    @Test
    void externalEntitiesAndDeepNestingAreRefusedBeforeTheyCostAnything() throws Exception {
        write(site, "Calc.asmx", CALC);
        Path secret = write(site, "App_Data/secret.txt", "TOP-SECRET");
        try (TestHost host = TestHost.start(site)) {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY x SYSTEM \"" + secret.toUri()
                    + "\">]><soap:Envelope xmlns:soap=\"" + S11 + "\"><soap:Body><Hello xmlns=\"" + NS
                    + "\"><name>&x;</name></Hello></soap:Body></soap:Envelope>";
            TestResponse r = host.post("/Calc.asmx")
                    .header("SOAPAction", NS + "Hello")
                    .body("text/xml", xxe)
                    .send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).contains("<faultcode>soap:Client</faultcode>").doesNotContain("TOP-SECRET");

            String deep = "<deep>".repeat(10_000) + "</deep>".repeat(10_000);
            TestResponse nested = soap11(host, NS + "Add", "<Add xmlns=\"" + NS + "\">" + deep + "</Add>");
            assertThat(nested.status()).isEqualTo(500);
            assertThat(nested.text()).contains("nested more than 64 deep");
        }
    }

    @Test
    void aBodyOverMaxRequestLengthIsRefusedBeforeItIsRead() {
        write(site, "Calc.asmx", CALC);
        try (TestHost host = TestHost.start(site)) {
            byte[] body = new byte[50 * 1024 * 1024];
            java.util.Arrays.fill(body, (byte) ' ');
            TestResponse r = host.post("/Calc.asmx")
                    .header("SOAPAction", NS + "Add")
                    .header("Content-Type", "text/xml")
                    .body(body)
                    .send();
            assertThat(r.status()).isEqualTo(413);
        }
    }

    @Test
    void concurrentCallsEachGetTheirOwnInstance() throws Exception {
        write(
                site,
                "Counter.asmx",
                """
                <%@ WebService Language="Java" Class="Counter" %>
                import dev.conduit.services.*;
                public class Counter {
                    private int calls; // a shared instance would count more than one call
                    @WebMethod public int Call(int pause) throws Exception {
                        calls++;
                        Thread.sleep(pause);
                        return calls;
                    }
                }
                """);
        try (TestHost host = TestHost.start(site)) {
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<TestResponse>>();
            for (int i = 0; i < 64; i++) {
                futures.add(host.post("/Counter.asmx")
                        .header("SOAPAction", "http://tempuri.org/Call")
                        .body("text/xml", envelope(S11, "<Call xmlns=\"http://tempuri.org/\"><pause>20</pause></Call>"))
                        .sendAsync());
            }
            for (var f : futures) {
                TestResponse r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.text()).contains("<CallResult>1</CallResult>");
            }
        }
    }

    @Test
    void theWsdlHasBothBindingsAndTheSchemaXmlSerializerWouldWrite() throws Exception {
        write(site, "Calc.asmx", CALC);
        try (TestHost host = TestHost.start(site)) {
            TestResponse wsdl = host.get("/Calc.asmx?WSDL").send();
            assertThat(wsdl.status()).isEqualTo(200);
            assertThat(wsdl.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
            String x = wsdl.text();
            parse(x);
            assertThat(host.get("/Calc.asmx?wsdl").send().text()).isEqualTo(x); // any case, same document
            assertThat(x)
                    .startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><wsdl:definitions")
                    .contains("<s:schema elementFormDefault=\"qualified\" targetNamespace=\"" + NS + "\">")
                    .contains("<s:element name=\"Add\"><s:complexType><s:sequence><s:element minOccurs=\"1\""
                            + " maxOccurs=\"1\" name=\"a\" type=\"s:int\"/>")
                    .contains("<s:element name=\"AddResponse\"><s:complexType><s:sequence><s:element minOccurs=\"1\""
                            + " maxOccurs=\"1\" name=\"AddResult\" type=\"s:int\"/>")
                    .contains("<s:complexType name=\"ArrayOfInt\"><s:sequence><s:element minOccurs=\"0\""
                            + " maxOccurs=\"unbounded\" name=\"int\" type=\"s:int\"/>")
                    .contains("<s:complexType name=\"ArrayOfString\"><s:sequence><s:element minOccurs=\"0\""
                            + " maxOccurs=\"unbounded\" name=\"string\" nillable=\"true\" type=\"s:string\"/>")
                    .contains("<s:complexType name=\"Person\"><s:sequence><s:element minOccurs=\"0\" maxOccurs=\"1\""
                            + " name=\"name\" type=\"s:string\"/><s:element minOccurs=\"1\" maxOccurs=\"1\""
                            + " name=\"age\" type=\"s:int\"/><s:element minOccurs=\"0\" maxOccurs=\"1\" name=\"tags\""
                            + " type=\"tns:ArrayOfString\"/><s:element minOccurs=\"1\" maxOccurs=\"1\" name=\"mood\""
                            + " type=\"tns:Mood\"/><s:element minOccurs=\"1\" maxOccurs=\"1\" name=\"shoeSize\""
                            + " nillable=\"true\" type=\"s:int\"/>")
                    .contains("<s:simpleType name=\"Mood\"><s:restriction base=\"s:string\"><s:enumeration"
                            + " value=\"HAPPY\"/><s:enumeration value=\"GRUMPY\"/>")
                    .contains("<wsdl:message name=\"AddSoapIn\"><wsdl:part name=\"parameters\" element=\"tns:Add\"/>")
                    .contains("<wsdl:portType name=\"CalcSoap\">")
                    .contains("<wsdl:binding name=\"CalcSoap\" type=\"tns:CalcSoap\"><soap:binding"
                            + " transport=\"http://schemas.xmlsoap.org/soap/http\"/>")
                    .contains("<soap:operation soapAction=\"" + NS + "Add\" style=\"document\"/>")
                    .contains("<wsdl:binding name=\"CalcSoap12\" type=\"tns:CalcSoap\"><soap12:binding")
                    .contains("<soap12:operation soapAction=\"" + NS + "AddLongs\" style=\"document\"/>")
                    .contains("<wsdl:port name=\"CalcSoap\" binding=\"tns:CalcSoap\"><soap:address location=\"http://")
                    .contains("/Calc.asmx\"/></wsdl:port><wsdl:port name=\"CalcSoap12\" binding=\"tns:CalcSoap12\">");
            // operations in name order
            assertThat(x.indexOf("name=\"AddSoapIn\"")).isLessThan(x.indexOf("name=\"AddLongsSoapIn\""));
            assertThat(x.indexOf("name=\"AddLongsSoapIn\"")).isLessThan(x.indexOf("name=\"DivideSoapIn\""));
        }
    }

    @Test
    void theHelpPageListsTheOperationsAndShowsSampleMessages() {
        write(site, "Calc.asmx", CALC);
        write(
                site,
                "Plain.asmx",
                """
                <%@ WebService Class="Plain" %>
                public class Plain {
                    @dev.conduit.services.WebMethod public String Ping() { return "pong"; }
                }
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse help = host.get("/Calc.asmx").send();
            assertThat(help.status()).isEqualTo(200);
            assertThat(help.text())
                    .contains("<h1>Calc</h1>")
                    .contains("Arithmetic, people and faults.")
                    .contains("<a href=\"Calc.asmx?WSDL\">Service Description</a>")
                    .contains("<li><a href=\"Calc.asmx?op=Add\">Add</a><br>Adds two numbers.</li>")
                    .doesNotContain("tempuri");
            assertThat(host.get("/Plain.asmx").send().text()).contains("is using http://tempuri.org/ as its default");
            TestResponse op = host.get("/Calc.asmx?op=Add").send();
            assertThat(op.text())
                    .contains("<h2>Add</h2>")
                    .contains("SOAPAction: &quot;" + NS + "Add&quot;")
                    .contains("&lt;a&gt;int&lt;/a&gt;")
                    .contains("application/soap+xml; charset=utf-8");
            assertThat(host.request("PUT", "/Calc.asmx").send().status()).isEqualTo(405);
            assertThat(host.get("/Calc.asmx/Add").send().text())
                    .contains("Request format is unrecognized for URL unexpectedly ending in &#39;/Add&#39;.");
        }
    }

    @Test
    void aServiceThatBreaksARuleIsRefusedWithAMessageNamingIt() {
        write(
                site,
                "Overloads.asmx",
                """
                <%@ WebService Language="Java" Class="Overloads" %>
                import dev.conduit.services.*;
                public class Overloads {
                    @WebMethod public int Add(int a, int b) { return a + b; }
                    @WebMethod public long Add(long a, long b) { return a + b; }
                }
                """);
        write(
                site,
                "Maps.asmx",
                """
                <%@ WebService Language="Java" Class="Maps" %>
                import dev.conduit.services.*;
                public class Maps {
                    @WebMethod public int Count(java.util.Map<String, Integer> m) { return m.size(); }
                }
                """);
        write(site, "Bad.asmx", "<%@ WebService Language=\"C#\" Class=\"Bad\" %>\npublic class Bad {}\n");
        try (TestHost host = TestHost.start(site)) {
            TestResponse overloads = host.get("/Overloads.asmx").send();
            assertThat(overloads.status()).isEqualTo(500);
            assertThat(overloads.text()).contains("give one of them its own @WebMethod(messageName");
            assertThat(host.get("/Maps.asmx").send().text())
                    .contains("it is a Map (as XmlSerializer refuses IDictionary)");
            assertThat(host.get("/Bad.asmx").send().text())
                    .contains("Parser error in /Bad.asmx: Language &#39;C#&#39; is not supported; Conduit compiles"
                            + " Java.");
        }
    }
}
