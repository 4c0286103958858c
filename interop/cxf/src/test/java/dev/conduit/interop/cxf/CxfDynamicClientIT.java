package dev.conduit.interop.cxf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.server.ConduitServer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.jaxws.endpoint.dynamic.JaxWsDynamicClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache CXF's dynamic JAX-WS client against an .asmx served by Conduit over a socket: CXF reads {@code ?WSDL}, makes
 * its classes from the schema at run time, and calls operations with ints, strings, a record, an array and a List,
 * and reads a fault, as a Java client of an ASP.NET service does.
 */
class CxfDynamicClientIT {
    @TempDir
    static Path site;

    private static ConduitServer server;
    private static Client client;

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
                @WebMethod public String NextId(UUID id) { return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits() + 1).toString(); }
                @WebMethod public void Refuse(String account) {
                    throw new SoapException("no such account", SoapFaultCode.CLIENT, "account " + account);
                }
            }
            """;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(site.resolve("Calc.asmx"), SERVICE, StandardCharsets.UTF_8);
        server = ConduitServer.startLocal(site);
        client = JaxWsDynamicClientFactory.newInstance()
                .createClient("http://127.0.0.1:" + server.port() + "/Calc.asmx?WSDL");
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.destroy();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void intsAndStrings() throws Exception {
        assertThat(client.invoke("Add", 2, 3)).containsExactly(5);
        assertThat(client.invoke("Hello", "Ada & <co>")).containsExactly("Hello, Ada & <co>");
    }

    @Test
    void aRecordTravelsAsItsComplexType() throws Exception {
        ClassLoader generated = Thread.currentThread().getContextClassLoader();
        Class<?> personType = Class.forName("dev.conduit.calc.Person", true, generated);
        Object person = personType.getConstructor().newInstance();
        personType.getMethod("setName", String.class).invoke(person, "Grace");
        personType.getMethod("setAge", int.class).invoke(person, 40);
        Object tags = personType.getMethod("getTags").invoke(person);
        if (tags == null) {
            Class<?> arrayOfString = Class.forName("dev.conduit.calc.ArrayOfString", true, generated);
            tags = arrayOfString.getConstructor().newInstance();
            personType.getMethod("setTags", arrayOfString).invoke(person, tags);
        }
        @SuppressWarnings("unchecked")
        List<String> strings =
                (List<String>) tags.getClass().getMethod("getString").invoke(tags);
        strings.add("navy");

        Object older = client.invoke("Older", person, 5)[0];
        Method getAge = older.getClass().getMethod("getAge");
        assertThat(getAge.invoke(older)).isEqualTo(45);
        assertThat(older.getClass().getMethod("getName").invoke(older)).isEqualTo("Grace");
        Object back = older.getClass().getMethod("getTags").invoke(older);
        assertThat(back.getClass().getMethod("getString").invoke(back)).isEqualTo(List.of("navy"));
    }

    @Test
    void arraysAndLists() throws Exception {
        ClassLoader generated = Thread.currentThread().getContextClassLoader();
        Class<?> arrayOfInt = Class.forName("dev.conduit.calc.ArrayOfInt", true, generated);
        Object values = arrayOfInt.getConstructor().newInstance();
        @SuppressWarnings("unchecked")
        List<Integer> ints = (List<Integer>) arrayOfInt.getMethod("getInt").invoke(values);
        ints.addAll(List.of(1, 2, 3, 4));
        assertThat(client.invoke("Sum", values)).containsExactly(10);

        Object split = client.invoke("Split", "a,b,c")[0];
        assertThat(split.getClass().getMethod("getString").invoke(split)).isEqualTo(List.of("a", "b", "c"));
    }

    @Test
    void aGuidFromDotNetsOwnSchemaNamespace() throws Exception {
        // the WSDL's guid sits in http://microsoft.com/wsdl/types/, a second schema XJC must import
        assertThat(client.invoke("NextId", "123e4567-e89b-12d3-a456-426614174000"))
                .containsExactly("123e4567-e89b-12d3-a456-426614174001");
    }

    @Test
    void aFaultIsReadAsOne() {
        assertThatThrownBy(() -> client.invoke("Refuse", "42"))
                .isInstanceOf(SoapFault.class)
                .hasMessage("no such account")
                .satisfies(e -> assertThat(((SoapFault) e).getFaultCode().getLocalPart())
                        .isEqualTo("Client"));
    }
}
