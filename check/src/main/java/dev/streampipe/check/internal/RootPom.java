package dev.streampipe.check.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads the {@code <modules>} of a Maven aggregator POM. */
final class RootPom {

    private RootPom() {
    }

    /** The module folder names listed directly under {@code project/modules}; empty if the file is absent. */
    static Set<String> modules(Path pom) {
        Set<String> modules = new LinkedHashSet<>();
        if (!Files.isRegularFile(pom)) {
            return modules;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (Element list : children(project, "modules")) {
                for (Element module : children(list, "module")) {
                    modules.add(module.getTextContent().trim());
                }
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse " + pom + ": " + e.getMessage(), e);
        }
    }

    private static Iterable<Element> children(Element parent, String name) {
        Set<Element> found = new LinkedHashSet<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(element.getLocalName() != null
                    ? element.getLocalName() : element.getTagName())) {
                found.add(element);
            }
        }
        return found;
    }
}
