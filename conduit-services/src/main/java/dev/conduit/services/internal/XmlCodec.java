package dev.conduit.services.internal;

import java.io.InputStream;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes values of {@link XmlType}s, as XmlSerializer does: unknown elements are skipped, a missing one takes
 * its type's default, {@code xsi:nil="true"} is null; a null reference is left out, a null box written as {@code
 * xsi:nil}.
 *
 * <p><b>Safely.</b> The reader is the JDK's own StAX ({@code newDefaultFactory}: never another implementation a jar on
 * the class path offers, such as the Woodstox a SOAP library brings) with DTDs and external entities off, and a document with a DTD is
 * refused outright (no entity of any kind is expanded); elements are counted and nested at most {@link #MAX_DEPTH}
 * deep, {@link #MAX_ELEMENTS} in all, with at most {@link #MAX_ATTRIBUTES} attributes and namespace declarations
 * each; values are bounded by their types (a decimal within .NET's range, numbers in XML Schema's ASCII forms). Every problem is a {@link
 * BadXmlException} saying where, never the parser's exception.
 */
final class XmlCodec {
    /** The deepest nesting read. */
    static final int MAX_DEPTH = 64;
    /** The most elements read from one document. */
    static final int MAX_ELEMENTS = 100_000;
    /**
     * The most namespace declarations and attributes one element may have: the parser resolves each prefix by
     * scanning the declarations in scope, so thousands of them cost seconds where a SOAP envelope has a handful.
     */
    static final int MAX_ATTRIBUTES = 64;
    /** The most namespace declarations and attributes in one document. */
    static final int MAX_ALL_ATTRIBUTES = 10_000;

    static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

    private static final XMLInputFactory INPUT = inputFactory();

    /** Input that is not XML, or not the XML expected. */
    static final class BadXmlException extends Exception {
        private static final long serialVersionUID = 1L;
        /** What the service's code said (a constructor's exception), shown only to callers that may see details. */
        final @Nullable String detail;

        BadXmlException(String message) {
            this(message, null);
        }

        BadXmlException(String message, @Nullable String detail) {
            super(message);
            this.detail = detail;
        }
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /** A bounded reader over one document. */
    static final class Reader implements AutoCloseable {
        private final XMLStreamReader xml;
        private int depth;
        private int elements;
        private int attributes;

        /** A reader of {@code in}, in {@code encoding} when the request's Content-Type names one (RFC 7303). */
        Reader(InputStream in, @Nullable String encoding) throws BadXmlException {
            try {
                this.xml =
                        encoding == null ? INPUT.createXMLStreamReader(in) : INPUT.createXMLStreamReader(in, encoding);
            } catch (XMLStreamException e) {
                throw bad(null, e);
            }
        }

        /** The underlying reader, positioned where the last call left it. */
        XMLStreamReader xml() {
            return xml;
        }

        /** Where the reader is, as ASP.NET says it: {@code (line, column)}. */
        String where() {
            var l = xml.getLocation();
            return "(" + l.getLineNumber() + ", " + l.getColumnNumber() + ")";
        }

        /**
         * Moves to the next start or end element (skipping text, comments and processing instructions), counting
         * elements and depth.
         *
         * @return {@link XMLStreamConstants#START_ELEMENT}, {@link XMLStreamConstants#END_ELEMENT} or {@link
         *     XMLStreamConstants#END_DOCUMENT}
         */
        int nextTag() throws BadXmlException {
            try {
                while (true) {
                    int event = xml.next();
                    switch (event) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            if (++depth > MAX_DEPTH) {
                                throw new BadXmlException("There is an error in XML document " + where()
                                        + ": elements are nested more than " + MAX_DEPTH + " deep.");
                            }
                            if (++elements > MAX_ELEMENTS) {
                                throw new BadXmlException("There is an error in XML document " + where()
                                        + ": more than " + MAX_ELEMENTS + " elements.");
                            }
                            int here = xml.getNamespaceCount() + xml.getAttributeCount();
                            attributes += here;
                            if (here > MAX_ATTRIBUTES || attributes > MAX_ALL_ATTRIBUTES) {
                                throw new BadXmlException("There is an error in XML document " + where()
                                        + ": more than " + MAX_ATTRIBUTES + " attributes and namespace declarations on"
                                        + " an element, or " + MAX_ALL_ATTRIBUTES + " in the document.");
                            }
                            return event;
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            depth--;
                            return event;
                        }
                        case XMLStreamConstants.END_DOCUMENT -> {
                            return event;
                        }
                        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new BadXmlException("There is an error in XML document " + where()
                                    + ": a DTD or an entity reference is not allowed.");
                        default -> {} // text between elements, comments, processing instructions
                    }
                }
            } catch (XMLStreamException e) {
                throw bad(this, e);
            }
        }

        /** The text of the current element, which must contain no element; the reader is left on its end. */
        String text() throws BadXmlException {
            StringBuilder b = new StringBuilder();
            try {
                while (true) {
                    int event = xml.next();
                    switch (event) {
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            b.append(xml.getText());
                        case XMLStreamConstants.END_ELEMENT -> {
                            depth--;
                            return b.toString();
                        }
                        case XMLStreamConstants.START_ELEMENT ->
                            throw new BadXmlException("There is an error in XML document " + where() + ": element <"
                                    + xml.getLocalName() + "> where text was expected.");
                        case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                            throw new BadXmlException("There is an error in XML document " + where()
                                    + ": a DTD or an entity reference is not allowed.");
                        default -> {}
                    }
                }
            } catch (XMLStreamException e) {
                throw bad(this, e);
            }
        }

        /** Skips the current element and everything in it (still counted); the reader is left on its end. */
        void skip() throws BadXmlException {
            int target = depth - 1;
            while (depth > target) {
                if (nextTag() == XMLStreamConstants.END_DOCUMENT) {
                    throw new BadXmlException("There is an error in XML document " + where() + ": it ends early.");
                }
            }
        }

        /** Whether the current element has {@code xsi:nil="true"}. */
        boolean nil() {
            String v = xml.getAttributeValue(XSI, "nil");
            return v != null && (v.trim().equals("true") || v.trim().equals("1"));
        }

        @Override
        public void close() {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // nothing is held that closing could free
            }
        }
    }

    static BadXmlException bad(@Nullable Reader reader, XMLStreamException e) {
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        // the JDK's messages begin with "ParseError at [row,col]:[r,c]\nMessage: "
        int m = message.indexOf("Message: ");
        if (m >= 0) {
            message = message.substring(m + 9);
        }
        var l = e.getLocation();
        String where = l != null ? "(" + l.getLineNumber() + ", " + l.getColumnNumber() + ")" : "";
        return new BadXmlException("There is an error in XML document " + where + ": " + message.trim());
    }

    private XmlCodec() {}

    /**
     * Reads a value of {@code type} from the element the reader is on; the reader is left on its end.
     *
     * @throws BadXmlException when the content is not a value of the type
     */
    static @Nullable Object read(Reader r, XmlType type) throws BadXmlException {
        if (r.nil()) {
            r.skip();
            return type.valueType() ? type.defaultValue() : null;
        }
        switch (type) {
            case XmlType.Simple s -> {
                String where = r.where();
                String text = r.text();
                try {
                    return s.parse().apply(text);
                } catch (RuntimeException e) {
                    throw new BadXmlException("There is an error in XML document " + where + ": '" + clip(text)
                            + "' is not a valid " + s.schemaName() + ".");
                }
            }
            case XmlType.EnumType e -> {
                String where = r.where();
                String text = r.text().trim();
                for (Object constant : e.javaType().getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(text)) {
                        return constant;
                    }
                }
                throw new BadXmlException("There is an error in XML document " + where + ": instance validation error:"
                        + " '" + clip(text) + "' is not a valid value for " + e.schemaName() + ".");
            }
            case XmlType.ArrayType a -> {
                List<Object> items = new ArrayList<>();
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (r.xml().getLocalName().equals(a.item().itemElementName())) {
                        items.add(read(r, a.item()));
                    } else {
                        r.skip();
                    }
                }
                return a.of(items);
            }
            case XmlType.Complex c -> {
                return readComplex(r, c);
            }
        }
    }

    private static Object readComplex(Reader r, XmlType.Complex c) throws BadXmlException {
        List<XmlType.Property> properties = c.properties();
        Object[] values = new Object[properties.size()];
        boolean[] seen = new boolean[properties.size()];
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String local = r.xml().getLocalName();
            int index = -1;
            for (int i = 0; i < properties.size(); i++) {
                if (properties.get(i).name().equals(local)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                r.skip(); // an unknown element: ignored, as XmlSerializer does
                continue;
            }
            values[index] = read(r, properties.get(index).type());
            seen[index] = true;
        }
        try {
            return c.make(values, seen);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new BadXmlException(
                    "There is an error in XML document " + r.where() + ": " + c.schemaName() + " could not be made.",
                    cause.toString());
        }
    }

    private static String clip(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    /**
     * Writes {@code value} as element {@code name} of {@code type}, in the writer's default namespace: a null reference
     * is left out ({@code minOccurs="0"}), a null box or array item written as {@code xsi:nil="true"}.
     */
    static void write(XMLStreamWriter w, String name, XmlType type, @Nullable Object value, boolean nilWhenNull)
            throws XMLStreamException {
        if (value == null) {
            if (nilWhenNull || type instanceof XmlType.Simple s && s.nillable()) {
                w.writeEmptyElement(name);
                w.writeAttribute("xsi", XSI, "nil", "true");
            }
            return;
        }
        w.writeStartElement(name);
        writeContent(w, type, value);
        w.writeEndElement();
    }

    /**
     * {@code text}, which must hold only characters XML 1.0 allows (a control character cannot be written, as
     * XmlSerializer's "hexadecimal value 0x01, is an invalid character").
     *
     * @throws IllegalArgumentException naming the character
     */
    static String xmlText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                throw new IllegalArgumentException(String.format(
                        "'%s', hexadecimal value 0x%02X, is an invalid character in XML.",
                        "\\u" + String.format("%04x", (int) c), (int) c));
            }
        }
        return text;
    }

    /** Writes the content of an element of {@code type} holding {@code value}. */
    static void writeContent(XMLStreamWriter w, XmlType type, Object value) throws XMLStreamException {
        switch (type) {
            case XmlType.Simple s -> w.writeCharacters(xmlText(s.format().apply(value)));
            case XmlType.EnumType e -> w.writeCharacters(((Enum<?>) value).name());
            case XmlType.ArrayType a -> {
                if (value instanceof List<?> list) {
                    for (Object item : list) {
                        write(w, a.item().itemElementName(), a.item(), item, true);
                    }
                } else {
                    int n = Array.getLength(value);
                    for (int i = 0; i < n; i++) {
                        write(w, a.item().itemElementName(), a.item(), Array.get(value, i), true);
                    }
                }
            }
            case XmlType.Complex c -> {
                for (XmlType.Property p : c.properties()) {
                    Object v;
                    try {
                        v = p.getter().invoke(value);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(
                                "reading " + c.schemaName() + "." + p.name() + " failed", e.getCause());
                    }
                    write(w, p.name(), p.type(), v, false);
                }
            }
        }
    }
}
