package dev.conduit.services.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A service's WSDL 1.1, in the shape ASP.NET writes ({@code ?WSDL}): the prefixes {@code wsdl}, {@code s}, {@code
 * soap}, {@code soap12} and {@code tns}; one qualified schema with an element per request ({@code Add}) and response
 * ({@code AddResponse} holding {@code AddResult}) and the service's named types; messages {@code AddSoapIn} and
 * {@code AddSoapOut} with a part {@code parameters}; the port type {@code CalcSoap}; the bindings {@code CalcSoap}
 * (SOAP 1.1) and {@code CalcSoap12}, document/literal, with each operation's soapAction; the service with a port per
 * binding at {@code location}. Operations and types are in name order, so the document is the same on every server.
 */
final class Wsdl {
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String S = "http://www.w3.org/2001/XMLSchema";
    private static final String SOAP = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static final String SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
    private static final String HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http";
    /** Where .NET puts {@code guid} and {@code char}: a schema of their own, which .NET clients map to Guid and char. */
    private static final String MS_TYPES = "http://microsoft.com/wsdl/types/";

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private final ServiceDescription service;
    private final XMLStreamWriter w;

    private Wsdl(ServiceDescription service, XMLStreamWriter w) {
        this.service = service;
        this.w = w;
    }

    /**
     * Writes the WSDL of {@code service}, its ports at {@code location}, with the bindings of the SOAP versions
     * enabled.
     */
    static void write(OutputStream out, ServiceDescription service, String location, boolean soap11, boolean soap12) {
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "utf-8");
            new Wsdl(service, w).definitions(location, soap11, soap12);
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("writing the WSDL failed", e);
        }
    }

    private void definitions(String location, boolean soap11, boolean soap12) throws XMLStreamException {
        String tns = service.namespace();
        String name = service.name();
        w.writeStartDocument("utf-8", "1.0");
        w.writeStartElement("wsdl", "definitions", WSDL);
        w.writeNamespace("soap", SOAP);
        w.writeNamespace("tns", tns);
        w.writeNamespace("s", S);
        w.writeNamespace("soap12", SOAP12);
        if (usesMicrosoftTypes()) {
            w.writeNamespace("s1", MS_TYPES);
        }
        w.writeAttribute("targetNamespace", tns);
        w.writeNamespace("wsdl", WSDL);
        if (!service.description().isEmpty()) {
            documentation(service.description());
        }
        types();
        List<ServiceDescription.Operation> ops =
                new ArrayList<>(service.operations().values());
        for (ServiceDescription.Operation op : ops) {
            message(op.name() + "SoapIn", op.name());
            if (!op.oneWay()) {
                message(op.name() + "SoapOut", op.responseElement());
            }
        }
        w.writeStartElement("wsdl", "portType", WSDL);
        w.writeAttribute("name", name + "Soap");
        for (ServiceDescription.Operation op : ops) {
            w.writeStartElement("wsdl", "operation", WSDL);
            w.writeAttribute("name", op.name());
            if (!op.description().isEmpty()) {
                documentation(op.description());
            }
            empty("wsdl", "input", WSDL, "message", "tns:" + op.name() + "SoapIn");
            if (!op.oneWay()) {
                empty("wsdl", "output", WSDL, "message", "tns:" + op.name() + "SoapOut");
            }
            w.writeEndElement();
        }
        w.writeEndElement();
        if (soap11) {
            binding(name + "Soap", "soap", SOAP, ops);
        }
        if (soap12) {
            binding(name + "Soap12", "soap12", SOAP12, ops);
        }
        w.writeStartElement("wsdl", "service", WSDL);
        w.writeAttribute("name", name);
        if (!service.description().isEmpty()) {
            documentation(service.description());
        }
        if (soap11) {
            port(name + "Soap", "soap", SOAP, location);
        }
        if (soap12) {
            port(name + "Soap12", "soap12", SOAP12, location);
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
    }

    private void documentation(String text) throws XMLStreamException {
        w.writeStartElement("wsdl", "documentation", WSDL);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private void empty(String prefix, String local, String ns, String attribute, String value)
            throws XMLStreamException {
        w.writeEmptyElement(prefix, local, ns);
        w.writeAttribute(attribute, value);
    }

    private void message(String name, String element) throws XMLStreamException {
        w.writeStartElement("wsdl", "message", WSDL);
        w.writeAttribute("name", name);
        w.writeEmptyElement("wsdl", "part", WSDL);
        w.writeAttribute("name", "parameters");
        w.writeAttribute("element", "tns:" + element);
        w.writeEndElement();
    }

    private void binding(String name, String prefix, String ns, List<ServiceDescription.Operation> ops)
            throws XMLStreamException {
        w.writeStartElement("wsdl", "binding", WSDL);
        w.writeAttribute("name", name);
        w.writeAttribute("type", "tns:" + service.name() + "Soap");
        empty(prefix, "binding", ns, "transport", HTTP_TRANSPORT);
        for (ServiceDescription.Operation op : ops) {
            w.writeStartElement("wsdl", "operation", WSDL);
            w.writeAttribute("name", op.name());
            w.writeEmptyElement(prefix, "operation", ns);
            w.writeAttribute("soapAction", op.action());
            w.writeAttribute("style", "document");
            w.writeStartElement("wsdl", "input", WSDL);
            empty(prefix, "body", ns, "use", "literal");
            w.writeEndElement();
            if (!op.oneWay()) {
                w.writeStartElement("wsdl", "output", WSDL);
                empty(prefix, "body", ns, "use", "literal");
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private void port(String name, String prefix, String ns, String location) throws XMLStreamException {
        w.writeStartElement("wsdl", "port", WSDL);
        w.writeAttribute("name", name);
        w.writeAttribute("binding", "tns:" + name);
        empty(prefix, "address", ns, "location", location);
        w.writeEndElement();
    }

    // ---- the schema -------------------------------------------------------------------------------------------------

    private void types() throws XMLStreamException {
        w.writeStartElement("wsdl", "types", WSDL);
        w.writeStartElement("s", "schema", S);
        w.writeAttribute("elementFormDefault", "qualified");
        w.writeAttribute("targetNamespace", service.namespace());
        boolean msTypes = usesMicrosoftTypes();
        if (msTypes) {
            empty("s", "import", S, "namespace", MS_TYPES);
        }
        for (ServiceDescription.Operation op : service.operations().values()) {
            wrapper(
                    op.name(),
                    op.params().stream().map(p -> new Field(p.name(), p.type())).toList());
            if (!op.oneWay()) {
                wrapper(
                        op.responseElement(),
                        op.result() == null ? List.of() : List.of(new Field(op.resultElement(), op.result())));
            }
        }
        for (XmlType t : service.namedTypes().values()) {
            if (!isMicrosoftType(t)) {
                namedType(t);
            }
        }
        w.writeEndElement();
        if (msTypes) {
            w.writeStartElement("s", "schema", S);
            w.writeAttribute("elementFormDefault", "qualified");
            w.writeAttribute("targetNamespace", MS_TYPES);
            for (XmlType t : service.namedTypes().values()) {
                if (isMicrosoftType(t)) {
                    namedType(t);
                }
            }
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    /** {@code guid} and {@code char}, which .NET defines in {@code http://microsoft.com/wsdl/types/}. */
    private static boolean isMicrosoftType(XmlType t) {
        return t instanceof XmlType.Simple s && !s.builtIn();
    }

    private boolean usesMicrosoftTypes() {
        return service.namedTypes().values().stream().anyMatch(Wsdl::isMicrosoftType);
    }

    private record Field(String name, XmlType type) {}

    private void wrapper(String name, List<Field> fields) throws XMLStreamException {
        w.writeStartElement("s", "element", S);
        w.writeAttribute("name", name);
        w.writeStartElement("s", "complexType", S);
        if (!fields.isEmpty()) {
            w.writeStartElement("s", "sequence", S);
            for (Field f : fields) {
                element(f.name(), f.type(), false);
            }
            w.writeEndElement();
        } else {
            w.writeEmptyElement("s", "sequence", S);
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    /** An element of a sequence, with minOccurs, maxOccurs and nillable as XmlSerializer writes them. */
    private void element(String name, XmlType type, boolean arrayItem) throws XMLStreamException {
        w.writeEmptyElement("s", "element", S);
        boolean nillable = type instanceof XmlType.Simple s && s.nillable();
        // an array's items are optional (an empty array has none), as XmlSerializer writes them
        w.writeAttribute("minOccurs", !arrayItem && (type.valueType() || nillable) ? "1" : "0");
        w.writeAttribute("maxOccurs", arrayItem ? "unbounded" : "1");
        w.writeAttribute("name", name);
        if (nillable || arrayItem && !type.valueType()) {
            w.writeAttribute("nillable", "true");
        }
        w.writeAttribute("type", (type.builtIn() ? "s:" : isMicrosoftType(type) ? "s1:" : "tns:") + type.schemaName());
    }

    private void namedType(XmlType t) throws XMLStreamException {
        switch (t) {
            case XmlType.EnumType e -> {
                w.writeStartElement("s", "simpleType", S);
                w.writeAttribute("name", e.schemaName());
                w.writeStartElement("s", "restriction", S);
                w.writeAttribute("base", "s:string");
                for (String constant : e.names()) {
                    empty("s", "enumeration", S, "value", constant);
                }
                w.writeEndElement();
                w.writeEndElement();
            }
            case XmlType.Simple s -> {
                w.writeStartElement("s", "simpleType", S);
                w.writeAttribute("name", s.schemaName());
                w.writeStartElement("s", "restriction", S);
                if (s.schemaName().equals("guid")) {
                    w.writeAttribute("base", "s:string");
                    empty(
                            "s",
                            "pattern",
                            S,
                            "value",
                            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
                } else {
                    w.writeAttribute("base", "s:unsignedShort"); // char: its code
                }
                w.writeEndElement();
                w.writeEndElement();
            }
            case XmlType.ArrayType a -> {
                w.writeStartElement("s", "complexType", S);
                w.writeAttribute("name", a.schemaName());
                w.writeStartElement("s", "sequence", S);
                element(a.item().itemElementName(), a.item(), true);
                w.writeEndElement();
                w.writeEndElement();
            }
            case XmlType.Complex c -> {
                w.writeStartElement("s", "complexType", S);
                w.writeAttribute("name", c.schemaName());
                if (c.properties().isEmpty()) {
                    w.writeEmptyElement("s", "sequence", S);
                } else {
                    w.writeStartElement("s", "sequence", S);
                    for (XmlType.Property p : c.properties()) {
                        element(p.name(), p.type(), false);
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
        }
    }
}
