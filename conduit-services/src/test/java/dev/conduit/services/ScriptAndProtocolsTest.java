package dev.conduit.services;

import static dev.conduit.services.SoapTest.envelope;
import static dev.conduit.services.SoapTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.testing.TestHost;
import dev.conduit.testing.TestResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON for script ({@code @ScriptService}), the HttpGet and HttpPost protocols and {@code <webServices><protocols>}. */
class ScriptAndProtocolsTest {
    @TempDir
    Path site;

    static final String NS = "http://conduit.dev/shop/";

    static final String SHOP =
            """
            <%@ WebService Language="Java" Class="Shop" %>
            import dev.conduit.services.*;
            import java.time.*;
            import java.util.*;

            @WebService(namespace = "http://conduit.dev/shop/")
            @ScriptService
            public class Shop {
                public enum Size { SMALL, LARGE }
                public record Item(String name, int count, Size size, Instant added, List<String> tags) {}

                @WebMethod public int Add(int a, int b) { return a + b; }
                @WebMethod public Item Echo(Item item) { return item; }
                @WebMethod public long Millis(Instant at) { return at.toEpochMilli(); }
                @WebMethod @ScriptMethod(useHttpGet = true) public String Hello(String name) { return "Hello, " + name; }
                @WebMethod @ScriptMethod(responseFormat = ResponseFormat.XML) public Item AsXml(String name) {
                    return new Item(name, 1, Size.SMALL, Instant.EPOCH, List.of());
                }
                @WebMethod public String Long(int n) { return "x".repeat(n); }
                @WebMethod public int Divide(int a, int b) { return a / b; }
                @WebMethod public int Sum(int[] values) { int s = 0; for (int v : values) s += v; return s; }
            }
            """;

    static final String PLAIN =
            """
            <%@ WebService Language="Java" Class="Plain" %>
            public class Plain {
                @dev.conduit.services.WebMethod public int Add(int a, int b) { return a + b; }
            }
            """;

    private static TestResponse json(TestHost host, String target, String body) {
        return host.post(target).body("application/json; charset=utf-8", body).send();
    }

    @Test
    void integratedModeMapsServicesThroughIisStockEntryWithPathInfo() {
        write(site, "web.config", "<configuration><conduit pipelineMode=\"Integrated\"/></configuration>");
        write(site, "Shop.asmx", SHOP);
        try (TestHost host = TestHost.start(site)) {
            TestResponse add = json(host, "/Shop.asmx/Add", "{\"a\":2,\"b\":3}");
            assertThat(add.status()).as(add.text()).isEqualTo(200);
            assertThat(add.text()).isEqualTo("{\"d\":5}");
            assertThat(host.get("/Shop.asmx?wsdl").send().text()).contains("<wsdl:definitions");
        }
    }

    @Test
    void scriptCallsAnswerTheResultWrappedInD() {
        write(site, "Shop.asmx", SHOP);
        try (TestHost host = TestHost.start(site)) {
            TestResponse add = json(host, "/Shop.asmx/Add", "{\"a\":2,\"b\":3}");
            assertThat(add.status()).as(add.text()).isEqualTo(200);
            assertThat(add.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(add.text()).isEqualTo("{\"d\":5}");

            TestResponse echo = json(
                    host,
                    "/Shop.asmx/Echo",
                    "{\"item\":{\"__type\":\"ignored\",\"name\":\"mug\","
                            + "\"count\":2,\"size\":1,\"added\":\"\\/Date(1700000000000)\\/\",\"tags\":[\"a\",\"b\"]}}");
            assertThat(echo.text())
                    .isEqualTo("{\"d\":{\"__type\":\"Shop$Item\",\"name\":\"mug\",\"count\":2,\"size\":1,"
                            + "\"added\":\"\\/Date(1700000000000)\\/\",\"tags\":[\"a\",\"b\"]}}");
            // an enum by name and a date in ISO-8601 are taken too
            assertThat(json(host, "/Shop.asmx/Echo", "{\"item\":{\"size\":\"LARGE\"}}")
                            .text())
                    .contains("\"size\":1");
            assertThat(json(host, "/Shop.asmx/Millis", "{\"at\":\"1970-01-01T00:00:01Z\"}")
                            .text())
                    .isEqualTo("{\"d\":1000}");
            assertThat(json(host, "/Shop.asmx/Sum", "{\"values\":[1,2,3]}").text())
                    .isEqualTo("{\"d\":6}");

            TestResponse xml = json(host, "/Shop.asmx/AsXml", "{\"name\":\"cup\"}");
            assertThat(xml.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
            assertThat(xml.text())
                    .startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Item xmlns=\"" + NS + "\"")
                    .contains("<name>cup</name><count>1</count><size>SMALL</size>");

            // GET only where the method allows it, each parameter a JSON value
            TestResponse get = host.get("/Shop.asmx/Hello?name=%22Ada%22")
                    .header("Content-Type", "application/json")
                    .send();
            assertThat(get.text()).isEqualTo("{\"d\":\"Hello, Ada\"}");
            TestResponse notGet = host.get("/Shop.asmx/Add?a=1&b=2")
                    .header("Content-Type", "application/json")
                    .send();
            assertThat(notGet.status()).isEqualTo(500);
            assertThat(notGet.text())
                    .contains("An attempt was made to call the method 'Add' using a GET request,"
                            + " which is not allowed.");
        }
    }

    @Test
    void scriptErrorsAreJsonWithJsonErrorAndDetailsOnlyWhereCustomErrorsAllow() {
        write(site, "Shop.asmx", SHOP);
        write(site, "Plain.asmx", PLAIN);
        try (TestHost host = TestHost.start(site)) {
            TestResponse divide = json(host, "/Shop.asmx/Divide", "{\"a\":1,\"b\":0}");
            assertThat(divide.status()).isEqualTo(500);
            assertThat(divide.header("jsonerror")).isEqualTo("true");
            assertThat(divide.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(divide.text())
                    .startsWith("{\"Message\":\"/ by zero\",\"StackTrace\":\"java.lang.ArithmeticException")
                    .endsWith("\"ExceptionType\":\"java.lang.ArithmeticException\"}");
            TestResponse remote = host.post("/Shop.asmx/Divide")
                    .from("203.0.113.9")
                    .body("application/json", "{\"a\":1,\"b\":0}")
                    .send();
            assertThat(remote.text())
                    .isEqualTo("{\"Message\":\"There was an error processing the request.\",\"StackTrace\":\"\","
                            + "\"ExceptionType\":\"\"}");

            assertThat(json(host, "/Shop.asmx/Add", "{\"a\":2}").text())
                    .contains("Invalid web service call, missing value for parameter: 'b'.");
            assertThat(json(host, "/Shop.asmx/Add", "{\"a\":2,").text()).contains("Invalid JSON primitive");
            assertThat(json(host, "/Shop.asmx/Add", "{\"a\":\"two\",\"b\":1}").text())
                    .contains("Cannot convert \\\"two\\\" to int (a).");
            assertThat(json(host, "/Shop.asmx/Nope", "{}").text()).contains("Unknown web method Nope.");
            assertThat(json(host, "/Plain.asmx/Add", "{\"a\":1,\"b\":2}").text())
                    .contains("Only Web services with a [ScriptService] attribute on the class definition can be called"
                            + " from script.");
            TestResponse deep = json(host, "/Shop.asmx/Add", "{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}");
            assertThat(deep.status()).isEqualTo(500);
            assertThat(deep.text()).contains("Invalid JSON primitive");
        }
    }

    @Test
    void maxJsonLengthBoundsRequestsAndResponses() {
        write(site, "Shop.asmx", SHOP);
        write(
                site,
                "web.config",
                """
                <configuration><system.web.extensions><scripting><webServices>
                  <jsonSerialization maxJsonLength="100"/>
                </webServices></scripting></system.web.extensions></configuration>
                """);
        try (TestHost host = TestHost.start(site)) {
            assertThat(json(host, "/Shop.asmx/Long", "{\"n\":10}").text()).isEqualTo("{\"d\":\"xxxxxxxxxx\"}");
            assertThat(json(host, "/Shop.asmx/Long", "{\"n\":200}").text())
                    .contains("The length of the string exceeds the value set on the maxJsonLength property.");
            assertThat(json(host, "/Shop.asmx/Hello", "{\"name\":\"" + "y".repeat(200) + "\"}")
                            .text())
                    .contains("The length of the string exceeds the value set on the maxJsonLength property.");
        }
    }

    @Test
    void httpPostFromThisMachineHttpGetWhenEnabledAndTheHelpPagesTestForm() {
        write(site, "Shop.asmx", SHOP);
        write(site, "open/Shop.asmx", SHOP);
        write(
                site,
                "open/web.config",
                """
                <configuration><system.web><webServices><protocols>
                  <add name="HttpGet"/>
                  <remove name="HttpSoap"/>
                </protocols></webServices></system.web></configuration>
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse local = host.post("/Shop.asmx/Add")
                    .body("application/x-www-form-urlencoded", "a=2&b=40")
                    .send();
            assertThat(local.status()).as(local.text()).isEqualTo(200);
            assertThat(local.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
            assertThat(local.text())
                    .isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<int xmlns=\"" + NS + "\">42</int>");
            TestResponse remote = host.post("/Shop.asmx/Add")
                    .from("203.0.113.9")
                    .body("application/x-www-form-urlencoded", "a=2&b=40")
                    .send();
            assertThat(remote.status()).isEqualTo(500);
            assertThat(host.get("/Shop.asmx/Add?a=1&b=2").send().text()).contains("Request format is unrecognized");

            // the help page's test form: for this machine, and for methods of simple parameters
            assertThat(host.get("/Shop.asmx?op=Add").send().text())
                    .contains("<form id=\"test\" target=\"_blank\" action=\"Shop.asmx/Add\" method=\"POST\">")
                    .contains("<input type=\"text\" size=\"50\" name=\"a\">");
            assertThat(host.get("/Shop.asmx?op=Echo").send().text())
                    .contains("only available for methods with primitive types as parameters");
            assertThat(host.get("/Shop.asmx?op=Add").from("203.0.113.9").send().text())
                    .contains("The test form is only available for requests from the local machine.")
                    .doesNotContain("<form");

            // below open/: HttpGet on, SOAP 1.1 off
            TestResponse get =
                    host.get("/open/Shop.asmx/Sum?values=1&values=2&values=3").send();
            assertThat(get.text()).endsWith("<int xmlns=\"" + NS + "\">6</int>");
            assertThat(host.get("/open/Shop.asmx/Add?a=1").send().text()).contains("Missing parameter: b.");
            assertThat(host.get("/open/Shop.asmx/Add?a=x&b=1").send().text()).contains("Cannot convert x to int.");
            String wsdl = host.get("/open/Shop.asmx?wsdl").send().text();
            assertThat(wsdl).contains("name=\"ShopSoap12\"").doesNotContain("<wsdl:binding name=\"ShopSoap\"");
            TestResponse soap11 = host.post("/open/Shop.asmx")
                    .header("SOAPAction", NS + "Add")
                    .body("text/xml", envelope(SoapTest.S11, "<Add xmlns=\"" + NS + "\"><a>1</a><b>2</b></Add>"))
                    .send();
            assertThat(soap11.text()).contains("SOAP 1.1 (HttpSoap) is turned off");
            TestResponse soap12 = host.post("/open/Shop.asmx")
                    .body(
                            "application/soap+xml",
                            envelope(SoapTest.S12, "<Add xmlns=\"" + NS + "\"><a>1</a><b>2</b>" + "</Add>"))
                    .send();
            assertThat(soap12.text()).contains("<AddResult>3</AddResult>");
        }
    }

    @Test
    void aScriptCallRefusedByAuthorizationIsA401NotARedirectToTheLoginPage() {
        write(site, "Shop.asmx", SHOP);
        write(
                site,
                "web.config",
                """
                <configuration>
                  <system.web><authentication mode="Forms"><forms loginUrl="/login.ashx"/></authentication></system.web>
                  <location path="Shop.asmx"><system.web><authorization><deny users="?"/></authorization></system.web>
                  </location>
                </configuration>
                """);
        try (TestHost host = TestHost.start(site)) {
            TestResponse call = json(host, "/Shop.asmx/Add", "{\"a\":1,\"b\":2}");
            assertThat(call.status()).isEqualTo(401);
            assertThat(call.header("Location")).isNull();
            assertThat(call.header("jsonerror")).isEqualTo("true");
            assertThat(call.text()).contains("\"Message\":\"Authentication failed.\"");
            // a browser asking for the help page is still sent to log in
            TestResponse help = host.get("/Shop.asmx").send();
            assertThat(help.status()).isEqualTo(302);
            assertThat(help.header("Location")).startsWith("/login.ashx?ReturnUrl=");
        }
    }

    @Test
    void withoutDocumentationThereIsNoHelpPageOrWsdlAndAnUnknownProtocolStopsTheSite() {
        write(site, "Shop.asmx", SHOP);
        write(
                site,
                "web.config",
                "<configuration><system.web><webServices><protocols><remove name=\"Documentation\"/></protocols>"
                        + "</webServices></system.web></configuration>");
        try (TestHost host = TestHost.start(site)) {
            assertThat(host.get("/Shop.asmx").send().text()).contains("Request format is unrecognized.");
            assertThat(host.get("/Shop.asmx?WSDL").send().status()).isEqualTo(500);
        }
        write(
                site,
                "web.config",
                "<configuration><system.web><webServices><protocols><add name=\"HttpSoup\"/></protocols>"
                        + "</webServices></system.web></configuration>");
        assertThatThrownBy(() -> TestHost.start(site)).hasMessageContaining("unknown protocol 'HttpSoup'");
    }
}
