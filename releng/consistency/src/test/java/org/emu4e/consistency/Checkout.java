package org.emu4e.consistency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The files of the checkout that carry versions, read without Maven or Tycho. */
final class Checkout {
    final Path root;

    Checkout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.root.resolve("releng/versions/pom.xml"))) {
            throw new IllegalStateException("emu4e.checkout=" + root + " is not an emu4e checkout (no releng/versions/pom.xml)");
        }
    }

    static Checkout fromSystemProperty() {
        return new Checkout(Path.of(System.getProperty("emu4e.checkout", "../..")));
    }

    Element xml(String relative) {
        Path file = root.resolve(relative);
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            Document d = f.newDocumentBuilder().parse(in);
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(relative + ": cannot read as XML: " + e.getMessage(), e);
        }
    }

    Manifest manifest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in);
        } catch (IOException e) {
            throw new IllegalStateException(root.relativize(file) + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Files named {@code name} in the direct subfolders of {@code folder} (e.g. plugins/x/META-INF/MANIFEST.MF). */
    List<Path> inEachSubfolder(String folder, String name) throws IOException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.resolve(name)).filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Files ending in {@code suffix} in the direct subfolders of {@code folder} (e.g. releng/x/x.target). */
    List<Path> endingIn(String folder, String suffix) throws IOException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            for (Path sub : s.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(sub)) {
                    files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().forEach(out::add);
                }
            }
            return out;
        }
    }

    String relative(Path file) {
        return root.relativize(file).toString();
    }

    /** The text of the first direct child {@code name} of {@code e}, or null. */
    static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    static Element childElement(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Every descendant element called {@code name}. */
    static List<Element> all(Element e, String name) {
        NodeList list = e.getElementsByTagName(name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** A pom's {@code <properties>}, in order. */
    static Map<String, String> properties(Element pom) {
        Map<String, String> props = new LinkedHashMap<>();
        Element p = childElement(pom, "properties");
        if (p != null) {
            for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c) {
                    props.put(c.getTagName(), c.getTextContent().trim());
                }
            }
        }
        return props;
    }

    /** Splits a MANIFEST header into clauses at commas outside quotes. */
    static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    /** The value of attribute {@code name} (e.g. bundle-version) in one clause, unquoted, or null. */
    static String attribute(String clause, String name) {
        for (String part : clause.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1).replace("\"", "").trim();
            }
        }
        return null;
    }
}
