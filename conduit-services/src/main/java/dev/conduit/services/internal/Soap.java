package dev.conduit.services.internal;

import dev.conduit.HttpContext;
import dev.conduit.HttpResponse;
import dev.conduit.HttpUtility;
import dev.conduit.services.SoapFaultCode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * SOAP 1.1 and 1.2 as ASP.NET's {@code SoapServerProtocol} speaks them: which version a request is, which operation
 * it calls, reading its parameters (document/literal wrapped), and writing the response envelope or a fault in the
 * version's own shape.
 */
final class Soap {
    /** A SOAP version and its words. */
    enum Version {
        SOAP11("http://schemas.xmlsoap.org/soap/envelope/", "text/xml; charset=utf-8"),
        SOAP12("http://www.w3.org/2003/05/soap-envelope", "application/soap+xml; charset=utf-8");

        final String envelopeNs;
        final String contentType;

        Version(String envelopeNs, String contentType) {
            this.envelopeNs = envelopeNs;
            this.contentType = contentType;
        }
    }

    /** A fault to answer with: its status, code, message and detail text. */
    static final class Fault extends Exception {
        private static final long serialVersionUID = 1L;

        final int status;
        final SoapFaultCode code;
        final @Nullable String detail;
        /** The version whose shape the fault takes when not the request's (a VersionMismatch: the envelope's). */
        @Nullable
        Version shape;

        Fault(int status, SoapFaultCode code, String message, @Nullable String detail) {
            super(message);
            this.status = status;
            this.code = code;
            this.detail = detail;
        }

        Fault(SoapFaultCode code, String message) {
            this(500, code, message, null);
        }
    }

    /**
     * A request read: its version, its operation and the parameters' values.
     *
     * @param args the parameters' values, in the method's order
     */
    record Call(Version version, ServiceDescription.Operation operation, Object[] args) {}

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private Soap() {}

    /**
     * The SOAP version of a POST, from its media type and SOAPAction header as ASP.NET guesses it: {@code text/xml}
     * is 1.1, {@code application/soap+xml} is 1.2; a version that is turned off, or another media type, is a fault
     * (415 for the media type).
     */
    static Version version(HttpContext context, boolean soap11, boolean soap12) throws Fault {
        String mediaType = mediaType(context.request().contentType());
        Version v =
                switch (mediaType) {
                    case "text/xml" -> Version.SOAP11;
                    case "application/soap+xml" -> Version.SOAP12;
                    default ->
                        throw new Fault(
                                415,
                                SoapFaultCode.CLIENT,
                                "Unsupported Media Type: '" + mediaType
                                        + "'. A SOAP 1.1 request is text/xml, a SOAP 1.2"
                                        + " request application/soap+xml.",
                                null);
                };
        if (v == Version.SOAP11 && !soap11 || v == Version.SOAP12 && !soap12) {
            throw new Fault(
                    SoapFaultCode.CLIENT,
                    (v == Version.SOAP11 ? "SOAP 1.1 (HttpSoap)" : "SOAP 1.2 (HttpSoap12)")
                            + " is turned off for this service in <webServices><protocols>.");
        }
        return v;
    }

    /** The media type of a Content-Type value, lower case, without parameters. */
    static String mediaType(@Nullable String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** A parameter of a Content-Type value ({@code action}), unquoted; null when absent. */
    static @Nullable String mediaTypeParameter(@Nullable String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return unquote(part.substring(eq + 1).trim());
            }
        }
        return null;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * Reads a request of {@code version} to {@code service}: the envelope (of that version, else VersionMismatch),
     * headers (one that must be understood is a MustUnderstand fault: this service understands none), and the body's
     * request element, dispatched on the SOAP 1.1 SOAPAction, or on SOAP 1.2's {@code action} parameter or the
     * element's name.
     */
    static Call read(HttpContext context, Version version, ServiceDescription service) throws Fault {
        ServiceDescription.Operation op = null;
        String soapAction = context.request().header("SOAPAction");
        if (version == Version.SOAP11) {
            if (soapAction == null) {
                throw new Fault(
                        SoapFaultCode.CLIENT,
                        "Unable to handle request without a valid action parameter. Please"
                                + " supply a valid soap action.");
            }
            String action = HttpUtility.urlDecode(unquote(soapAction.trim()));
            op = service.byAction(action);
            if (op == null) {
                throw new Fault(
                        SoapFaultCode.CLIENT,
                        "Server did not recognize the value of HTTP Header SOAPAction: " + action + ".");
            }
        } else {
            String action = mediaTypeParameter(context.request().contentType(), "action");
            if (action != null && !action.isEmpty()) {
                op = service.byAction(action);
                if (op == null) {
                    throw new Fault(
                            SoapFaultCode.CLIENT,
                            "Server did not recognize the value of the action" + " parameter: " + action + ".");
                }
            }
        }
        String charset = mediaTypeParameter(context.request().contentType(), "charset");
        try (XmlCodec.Reader r = new XmlCodec.Reader(context.request().inputStream(), charset)) {
            if (r.nextTag() != XMLStreamConstants.START_ELEMENT
                    || !r.xml().getLocalName().equals("Envelope")) {
                throw new Fault(
                        SoapFaultCode.CLIENT,
                        "Server was unable to read request. ---> The root element is" + " not a SOAP Envelope.");
            }
            String ns = r.xml().getNamespaceURI();
            if (!version.envelopeNs.equals(ns)) {
                Fault mismatch = new Fault(
                        SoapFaultCode.VERSION_MISMATCH,
                        "Possible SOAP version mismatch: Envelope namespace " + ns + " was unexpected. Expecting "
                                + version.envelopeNs + ".");
                for (Version other : Version.values()) {
                    if (other.envelopeNs.equals(ns)) {
                        mismatch.shape = other; // in the shape the sender can read
                    }
                }
                throw mismatch;
            }
            int event = r.nextTag();
            if (event == XMLStreamConstants.START_ELEMENT && isSoap(r, version, "Header")) {
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    String must = r.xml().getAttributeValue(version.envelopeNs, "mustUnderstand");
                    if (must != null && (must.trim().equals("1") || must.trim().equals("true"))) {
                        throw new Fault(
                                SoapFaultCode.MUST_UNDERSTAND,
                                "SOAP header " + r.xml().getLocalName() + " was not understood.");
                    }
                    r.skip();
                }
                event = r.nextTag();
            }
            if (event != XMLStreamConstants.START_ELEMENT || !isSoap(r, version, "Body")) {
                throw new Fault(
                        SoapFaultCode.CLIENT, "Server was unable to read request. ---> The SOAP Body is" + " missing.");
            }
            if (r.nextTag() != XMLStreamConstants.START_ELEMENT) {
                throw new Fault(
                        SoapFaultCode.CLIENT, "Server was unable to read request. ---> The SOAP Body is" + " empty.");
            }
            if (op == null) {
                op = service.byElement(r.xml().getNamespaceURI(), r.xml().getLocalName());
                if (op == null) {
                    throw new Fault(
                            SoapFaultCode.CLIENT,
                            "Server did not recognize the value of the request element: {"
                                    + r.xml().getNamespaceURI() + "}" + r.xml().getLocalName() + ".");
                }
            }
            Object[] args = readParameters(r, op);
            return new Call(version, op, args);
        } catch (XmlCodec.BadXmlException e) {
            String detail = e.detail != null && !context.isCustomErrorEnabled() ? " ---> " + e.detail : "";
            throw new Fault(SoapFaultCode.CLIENT, "Server was unable to read request. ---> " + e.getMessage() + detail);
        }
    }

    private static boolean isSoap(XmlCodec.Reader r, Version version, String local) {
        return r.xml().getLocalName().equals(local)
                && version.envelopeNs.equals(r.xml().getNamespaceURI());
    }

    /** The parameters, from the request element's children by name; unknown ones skipped, missing ones defaulted. */
    static Object[] readParameters(XmlCodec.Reader r, ServiceDescription.Operation op) throws XmlCodec.BadXmlException {
        var params = op.params();
        Object[] args = new Object[params.size()];
        boolean[] seen = new boolean[params.size()];
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String local = r.xml().getLocalName();
            int index = -1;
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).name().equals(local)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                r.skip();
                continue;
            }
            args[index] = XmlCodec.read(r, params.get(index).type());
            seen[index] = true;
        }
        for (int i = 0; i < args.length; i++) {
            if ((!seen[i] || args[i] == null) && params.get(i).type().valueType()) {
                args[i] = params.get(i).type().defaultValue();
            }
        }
        return args;
    }

    /** Writes the response envelope of {@code call} with the method's {@code result}. */
    static void writeResult(HttpContext context, Call call, ServiceDescription service, @Nullable Object result) {
        HttpResponse res = context.response();
        res.setStatusCode(200);
        res.setContentType(call.version().contentType);
        ServiceDescription.Operation op = call.operation();
        write(res.outputStream(), call.version(), w -> {
            w.writeStartElement(op.responseElement());
            w.writeDefaultNamespace(service.namespace());
            if (op.result() != null) {
                XmlCodec.write(w, op.resultElement(), op.result(), result, false);
            }
            w.writeEndElement();
        });
    }

    /** Writes {@code fault} in {@code version}'s shape, replacing whatever the response held. */
    static void writeFault(HttpContext context, Version version, Fault fault) {
        HttpResponse res = context.response();
        res.clear();
        res.setStatusCode(fault.status);
        res.setContentType(version.contentType);
        String message = fault.getMessage() == null ? "" : fault.getMessage();
        write(res.outputStream(), version, w -> {
            String env = version.envelopeNs;
            w.writeStartElement("soap", "Fault", env);
            if (version == Version.SOAP11) {
                w.writeStartElement("faultcode");
                w.writeCharacters("soap:" + fault.code.soap11());
                w.writeEndElement();
                w.writeStartElement("faultstring");
                w.writeCharacters(message);
                w.writeEndElement();
                if (fault.detail == null) {
                    w.writeEmptyElement("detail");
                } else {
                    w.writeStartElement("detail");
                    w.writeCharacters(fault.detail);
                    w.writeEndElement();
                }
            } else {
                w.writeStartElement("soap", "Code", env);
                w.writeStartElement("soap", "Value", env);
                w.writeCharacters("soap:" + fault.code.soap12());
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement("soap", "Reason", env);
                w.writeStartElement("soap", "Text", env);
                w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
                w.writeCharacters(message);
                w.writeEndElement();
                w.writeEndElement();
                if (fault.detail == null) {
                    w.writeEmptyElement("soap", "Detail", env);
                } else {
                    w.writeStartElement("soap", "Detail", env);
                    w.writeCharacters(fault.detail);
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        });
    }

    /** Writes the body of an envelope. */
    @FunctionalInterface
    interface BodyWriter {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static void write(OutputStream out, Version version, BodyWriter body) {
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "utf-8");
            w.writeStartDocument("utf-8", "1.0");
            w.writeStartElement("soap", "Envelope", version.envelopeNs);
            w.writeNamespace("soap", version.envelopeNs);
            w.writeNamespace("xsi", XmlCodec.XSI);
            w.writeNamespace("xsd", "http://www.w3.org/2001/XMLSchema");
            w.writeStartElement("soap", "Body", version.envelopeNs);
            body.write(w);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("writing the SOAP response failed", e);
        }
    }
}
