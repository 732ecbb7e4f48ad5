package io.github.rollbacksafety.query;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small element tree with line numbers, parsed with SAX and never touching the network: DTDs (the Hibernate
 * and MyBatis DOCTYPEs) and external entities are not loaded, whatever the document declares.
 */
public final class XmlTree {

    /** An element: local name, attributes, 1-based line of its start tag, children (elements and text). */
    public record Element(String name, Map<String, String> attributes, int line, List<Object> children) {

        public String attr(String key) {
            return attributes.getOrDefault(key, "");
        }

        public List<Element> elements() {
            var result = new ArrayList<Element>();
            for (var c : children) {
                if (c instanceof Element e) {
                    result.add(e);
                }
            }
            return result;
        }

        public List<Element> elements(String childName) {
            var result = new ArrayList<Element>();
            for (var e : elements()) {
                if (e.name.equals(childName)) {
                    result.add(e);
                }
            }
            return result;
        }

        /** The first child element with that name, if any. */
        public java.util.Optional<Element> element(String childName) {
            for (var e : elements()) {
                if (e.name.equals(childName)) {
                    return java.util.Optional.of(e);
                }
            }
            return java.util.Optional.empty();
        }

        /** All text inside, elements' text included. */
        public String text() {
            var sb = new StringBuilder();
            for (var c : children) {
                sb.append(c instanceof Element e ? e.text() : (String) c);
            }
            return sb.toString().strip();
        }
    }

    private XmlTree() {
    }

    private static final ThreadLocal<SAXParserFactory> FACTORY = ThreadLocal.withInitial(XmlTree::factory);

    private static SAXParserFactory factory() {
        var f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        try {
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser cannot be made safe: " + e.getMessage(), e);
        }
        return f;
    }

    /**
     * Parses a document.
     *
     * @throws IOException when the document is not well-formed XML (message with the line)
     */
    public static Element parse(byte[] xml) throws IOException {
        try {
            SAXParser parser = FACTORY.get().newSAXParser();
            try {
                parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            } catch (SAXException ignored) {
                // not every parser knows these properties; the features above already forbid fetching
            }
            var handler = new Builder();
            var reader = parser.getXMLReader();
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            reader.parse(new InputSource(new ByteArrayInputStream(xml)));
            if (handler.root == null) {
                throw new IOException("no root element");
            }
            return handler.root;
        } catch (SAXException e) {
            var line = e instanceof org.xml.sax.SAXParseException p ? " at line " + p.getLineNumber() : "";
            throw new IOException("not well-formed XML" + line + ": " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Builder extends DefaultHandler {
        private final List<Element> stack = new ArrayList<>();
        private Locator locator;
        Element root;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            var attributes = new LinkedHashMap<String, String>();
            for (int i = 0; i < atts.getLength(); i++) {
                var n = atts.getLocalName(i);
                attributes.put(n == null || n.isEmpty() ? atts.getQName(i) : n, atts.getValue(i));
            }
            var name = localName == null || localName.isEmpty() ? qName : localName;
            var e = new Element(name, attributes, locator == null ? 0 : locator.getLineNumber(), new ArrayList<>());
            if (stack.isEmpty()) {
                root = e;
            } else {
                stack.get(stack.size() - 1).children().add(e);
            }
            stack.add(e);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            stack.remove(stack.size() - 1);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!stack.isEmpty()) {
                var children = stack.get(stack.size() - 1).children();
                var text = new String(ch, start, length);
                int last = children.size() - 1;
                if (last >= 0 && children.get(last) instanceof String s) {
                    children.set(last, s + text);
                } else {
                    children.add(text);
                }
            }
        }

        @Override
        public void error(org.xml.sax.SAXParseException e) {
            // validity errors are irrelevant: no DTD is read
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
