package dev.conduit.interop.jaxws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.conduit.server.ConduitServer;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The JAX-WS reference implementation (Eclipse Metro's {@code jaxws-rt}) against an .asmx served by Conduit over a
 * socket, as a Java client without generated classes calls an ASP.NET service: {@link Dispatch} clients of SOAP 1.2
 * (and one of SOAP 1.1, for comparison) send envelopes built with SAAJ, and the tests read the answers' SOAP bodies as
 * DOM: ints, strings, a record, an array, a List, and a fault read as a {@link SOAPFaultException}. Last, the RI reads
 * the service's WSDL, finds both ports and calls through the SOAP 1.2 one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JaxWsRiDispatchIT {
    static final String NS = "http://conduit.dev/calc/";
    static final QName SERVICE_NAME = new QName(NS, "Calc");
    static final QName SOAP12_PORT = new QName(NS, "CalcSoap12");
    static final QName SOAP11_PORT = new QName(NS, "CalcSoap");
    static final String SOAP12_ENV = SOAPConstants.URI_NS_SOAP_1_2_ENVELOPE;
    static final String SOAP11_ENV = SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE;

    /** The RI's own timeouts (BindingProviderProperties), in milliseconds: no call waits for ever. */
    static final String CONNECT_TIMEOUT = "com.sun.xml.ws.connect.timeout";

    static final String REQUEST_TIMEOUT = "com.sun.xml.ws.request.timeout";

    @TempDir
    static Path site;

    private static ConduitServer server;
    private static String url;

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
    static void start() throws Exception {
        Files.writeString(site.resolve("Calc.asmx"), SERVICE, StandardCharsets.UTF_8);
        server = ConduitServer.startLocal(site);
        url = "http://127.0.0.1:" + server.port() + "/Calc.asmx";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    // ---- SOAP 1.2 ---------------------------------------------------------------------------------------------------

    @Test
    void soap12Ints() throws Exception {
        Dispatch<SOAPMessage> d = dispatch(SOAPBinding.SOAP12HTTP_BINDING, NS + "Add");
        SOAPMessage response = d.invoke(request(SOAPConstants.SOAP_1_2_PROTOCOL, "Add", op -> {
            add(op, "a", "2");
            add(op, "b", "3");
        }));

        Element result = result(response, SOAP12_ENV, "Add");
        assertThat(Integer.parseInt(result.getTextContent())).isEqualTo(5);
        assertThat(d.getResponseContext().get(MessageContext.HTTP_RESPONSE_CODE))
                .isEqualTo(200);
        assertThat(header(d, "Content-Type")).startsWith("application/soap+xml");
    }

    @Test
    void soap12StringsDispatchedByTheBodyElement() throws Exception {
        // no action parameter: the service finds the operation by the request element's name
        Dispatch<SOAPMessage> d = dispatch(SOAPBinding.SOAP12HTTP_BINDING, null);
        String name = "Ada & <co> \u00c5sa \u65e5\u672c";
        SOAPMessage response = d.invoke(request(SOAPConstants.SOAP_1_2_PROTOCOL, "Hello", op -> add(op, "name", name)));

        assertThat(result(response, SOAP12_ENV, "Hello").getTextContent()).isEqualTo("Hello, " + name);
    }

    @Test
    void soap12ARecord() throws Exception {
        Dispatch<SOAPMessage> d = dispatch(SOAPBinding.SOAP12HTTP_BINDING, NS + "Older");
        SOAPMessage response = d.invoke(request(SOAPConstants.SOAP_1_2_PROTOCOL, "Older", op -> {
            SOAPElement p = add(op, "p", null);
            add(p, "name", "Grace");
            add(p, "age", "40");
            SOAPElement tags = add(p, "tags", null);
            add(tags, "string", "navy");
            add(tags, "string", "rear admiral");
            add(op, "years", "5");
        }));

        Element person = result(response, SOAP12_ENV, "Older");
        assertThat(child(person, "name").getTextContent()).isEqualTo("Grace");
        assertThat(Integer.parseInt(child(person, "age").getTextContent())).isEqualTo(45);
        assertThat(texts(child(person, "tags"), "string")).containsExactly("navy", "rear admiral");
        assertThat(elementNames(person)).containsExactly("name", "age", "tags");
    }

    @Test
    void soap12AnArrayAndAList() throws Exception {
        Dispatch<SOAPMessage> sum = dispatch(SOAPBinding.SOAP12HTTP_BINDING, NS + "Sum");
        SOAPMessage response = sum.invoke(request(SOAPConstants.SOAP_1_2_PROTOCOL, "Sum", op -> {
            SOAPElement values = add(op, "values", null);
            for (int i = 1; i <= 4; i++) {
                add(values, "int", Integer.toString(i));
            }
        }));
        assertThat(Integer.parseInt(result(response, SOAP12_ENV, "Sum").getTextContent()))
                .isEqualTo(10);

        Dispatch<SOAPMessage> split = dispatch(SOAPBinding.SOAP12HTTP_BINDING, NS + "Split");
        SOAPMessage listResponse =
                split.invoke(request(SOAPConstants.SOAP_1_2_PROTOCOL, "Split", op -> add(op, "text", "a,b,c")));
        assertThat(texts(result(listResponse, SOAP12_ENV, "Split"), "string")).containsExactly("a", "b", "c");
    }

    @Test
    void soap12AFaultIsASoapFaultException() throws Exception {
        Dispatch<SOAPMessage> d = dispatch(SOAPBinding.SOAP12HTTP_BINDING, NS + "Refuse");
        FaultRecorder recorder = new FaultRecorder();
        d.getBinding().setHandlerChain(List.of(recorder));
        SOAPMessage request = request(SOAPConstants.SOAP_1_2_PROTOCOL, "Refuse", op -> add(op, "account", "42"));

        SOAPFaultException e = catchThrowableOfType(SOAPFaultException.class, () -> d.invoke(request));

        assertThat(e).as("the RI throws the fault").isNotNull();
        SOAPFault fault = e.getFault();
        assertThat(fault.getFaultCodeAsQName()).isEqualTo(new QName(SOAP12_ENV, "Sender"));
        assertThat(fault.getFaultString()).isEqualTo("no such account");
        assertThat(fault.getFaultReasonLocales()).toIterable().containsExactly(Locale.ENGLISH);
        assertThat(fault.getFaultReasonText(Locale.ENGLISH)).isEqualTo("no such account");
        // the RI's own wording around the reason (its ServerSOAPFaultException)
        assertThat(e.getMessage()).contains("no such account");
        assertThat(d.getResponseContext().get(MessageContext.HTTP_RESPONSE_CODE))
                .isEqualTo(500);
        // The detail is text ("account 42"): a SOAP handler sees it in the message as it came, but the RI's
        // SOAPFaultException keeps only detail entries that are elements, so its fault has no Detail at all.
        assertThat(recorder.code).isEqualTo(new QName(SOAP12_ENV, "Sender"));
        assertThat(recorder.detail).isEqualTo("account 42");
    }

    // ---- SOAP 1.1, for comparison -----------------------------------------------------------------------------------

    @Test
    void soap11IntsAndAFault() throws Exception {
        Dispatch<SOAPMessage> d = dispatch(SOAPBinding.SOAP11HTTP_BINDING, NS + "Add");
        SOAPMessage response = d.invoke(request(SOAPConstants.SOAP_1_1_PROTOCOL, "Add", op -> {
            add(op, "a", "-7");
            add(op, "b", "3");
        }));
        assertThat(Integer.parseInt(result(response, SOAP11_ENV, "Add").getTextContent()))
                .isEqualTo(-4);
        assertThat(header(d, "Content-Type")).startsWith("text/xml");

        Dispatch<SOAPMessage> refuse = dispatch(SOAPBinding.SOAP11HTTP_BINDING, NS + "Refuse");
        FaultRecorder recorder = new FaultRecorder();
        refuse.getBinding().setHandlerChain(List.of(recorder));
        SOAPMessage request = request(SOAPConstants.SOAP_1_1_PROTOCOL, "Refuse", op -> add(op, "account", "42"));
        SOAPFaultException e = catchThrowableOfType(SOAPFaultException.class, () -> refuse.invoke(request));
        assertThat(e).isNotNull();
        assertThat(e.getFault().getFaultCodeAsQName()).isEqualTo(new QName(SOAP11_ENV, "Client"));
        assertThat(e.getFault().getFaultString()).isEqualTo("no such account");
        assertThat(e.getMessage()).contains("no such account");
        // as in SOAP 1.2, the text of <detail> reaches a handler, not the exception (whose <detail/> is empty)
        assertThat(recorder.code).isEqualTo(new QName(SOAP11_ENV, "Client"));
        assertThat(recorder.detail).isEqualTo("account 42");
    }

    // ---- the WSDL ---------------------------------------------------------------------------------------------------

    @Test
    void theRiReadsTheWsdl() throws Exception {
        Service service = Service.create(URI.create(url + "?WSDL").toURL(), SERVICE_NAME);
        List<QName> ports = new ArrayList<>();
        service.getPorts().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder(SOAP11_PORT, SOAP12_PORT);

        Dispatch<SOAPMessage> d = service.createDispatch(SOAP12_PORT, SOAPMessage.class, Service.Mode.MESSAGE);
        assertThat(((SOAPBinding) d.getBinding())
                        .getMessageFactory()
                        .createMessage()
                        .getSOAPPart()
                        .getEnvelope()
                        .getNamespaceURI())
                .as("the port's binding is SOAP 1.2")
                .isEqualTo(SOAP12_ENV);
        timeouts(d);
        assertThat(d.getRequestContext().get(BindingProvider.ENDPOINT_ADDRESS_PROPERTY))
                .as("the port's soap12:address")
                .isEqualTo(url);
        // a Dispatch sends no action of its own: the service finds the operation by the body's element
        SOAPMessage response = d.invoke(request(SOAPConstants.SOAP_1_2_PROTOCOL, "Add", op -> {
            add(op, "a", "20");
            add(op, "b", "22");
        }));
        assertThat(Integer.parseInt(result(response, SOAP12_ENV, "Add").getTextContent()))
                .isEqualTo(42);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** A Dispatch of whole SOAP messages to the service, of {@code binding}, sending {@code action} when not null. */
    private static Dispatch<SOAPMessage> dispatch(String binding, @Nullable String action) {
        Service service = Service.create(SERVICE_NAME);
        QName port = binding.equals(SOAPBinding.SOAP12HTTP_BINDING) ? SOAP12_PORT : SOAP11_PORT;
        service.addPort(port, binding, url);
        Dispatch<SOAPMessage> d = service.createDispatch(port, SOAPMessage.class, Service.Mode.MESSAGE);
        timeouts(d);
        if (action != null) {
            d.getRequestContext().put(BindingProvider.SOAPACTION_USE_PROPERTY, true);
            d.getRequestContext().put(BindingProvider.SOAPACTION_URI_PROPERTY, action);
        }
        return d;
    }

    private static void timeouts(Dispatch<?> d) {
        d.getRequestContext().put(CONNECT_TIMEOUT, 10_000);
        d.getRequestContext().put(REQUEST_TIMEOUT, 30_000);
    }

    /** A request of {@code protocol} whose body is the element {@code operation} in the service's namespace. */
    private static SOAPMessage request(String protocol, String operation, SoapBuilder children) throws Exception {
        SOAPMessage m = MessageFactory.newInstance(protocol).createMessage();
        SOAPElement op = m.getSOAPBody().addBodyElement(new QName(NS, operation, "c"));
        children.accept(op);
        m.saveChanges();
        return m;
    }

    @FunctionalInterface
    interface SoapBuilder {
        void accept(SOAPElement operation) throws Exception;
    }

    /** Adds the element {@code name} of the service's namespace (the schema is qualified) to {@code parent}. */
    private static SOAPElement add(SOAPElement parent, String name, @Nullable String text) {
        try {
            SOAPElement e = parent.addChildElement(new QName(NS, name, "c"));
            if (text != null) {
                e.addTextNode(text);
            }
            return e;
        } catch (jakarta.xml.soap.SOAPException ex) {
            throw new AssertionError(ex);
        }
    }

    /**
     * The {@code XResult} element of the body's {@code XResponse}, checking that the envelope is of {@code envelopeNs}
     * and holds nothing else.
     */
    private static Element result(SOAPMessage response, String envelopeNs, String operation) throws Exception {
        assertThat(response.getSOAPPart().getEnvelope().getNamespaceURI()).isEqualTo(envelopeNs);
        SOAPBody body = response.getSOAPBody();
        assertThat(body.hasFault()).as("a fault: %s", faultText(body)).isFalse();
        List<Element> top = elements(body);
        assertThat(top).hasSize(1);
        Element wrapper = top.get(0);
        assertThat(wrapper.getNamespaceURI()).isEqualTo(NS);
        assertThat(wrapper.getLocalName()).isEqualTo(operation + "Response");
        return child(wrapper, operation + "Result");
    }

    private static String faultText(SOAPBody body) {
        return body.hasFault() ? body.getFault().getFaultString() : "";
    }

    /** The one child element {@code local} of the service's namespace. */
    private static Element child(Element parent, String local) {
        List<Element> found = elements(parent).stream()
                .filter(e -> NS.equals(e.getNamespaceURI()) && local.equals(e.getLocalName()))
                .toList();
        assertThat(found).as("<%s> in <%s>", local, parent.getLocalName()).hasSize(1);
        return found.get(0);
    }

    private static List<String> texts(Element parent, String local) {
        return elements(parent).stream()
                .peek(e -> assertThat(e.getNamespaceURI()).isEqualTo(NS))
                .peek(e -> assertThat(e.getLocalName()).isEqualTo(local))
                .map(Node::getTextContent)
                .toList();
    }

    private static List<String> elementNames(Element parent) {
        return elements(parent).stream().map(Element::getLocalName).toList();
    }

    private static List<Element> elements(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** A SOAP handler that keeps the code and the detail's text of an inbound fault, as the message came. */
    static final class FaultRecorder implements SOAPHandler<SOAPMessageContext> {
        volatile @Nullable QName code;
        volatile @Nullable String detail;

        @Override
        public boolean handleMessage(SOAPMessageContext context) {
            record(context);
            return true;
        }

        @Override
        public boolean handleFault(SOAPMessageContext context) {
            record(context);
            return true;
        }

        private void record(SOAPMessageContext context) {
            if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
                return;
            }
            try {
                SOAPBody body = context.getMessage().getSOAPBody();
                if (body.hasFault()) {
                    code = body.getFault().getFaultCodeAsQName();
                    detail = body.getFault().getDetail() == null
                            ? null
                            : body.getFault().getDetail().getTextContent();
                }
            } catch (jakarta.xml.soap.SOAPException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public Set<QName> getHeaders() {
            return Set.of();
        }

        @Override
        public void close(MessageContext context) {}
    }

    /** A header of the last response, as the RI recorded it. */
    @SuppressWarnings("unchecked")
    private static String header(Dispatch<?> d, String name) {
        var headers = (Map<String, List<String>>) d.getResponseContext().get(MessageContext.HTTP_RESPONSE_HEADERS);
        assertThat(headers).isNotNull();
        return headers.entrySet().stream()
                .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase(name))
                .map(h -> String.join(",", h.getValue()))
                .findFirst()
                .orElse("");
    }
}
