package io.oncosurv.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Pebble templates of {@code templates/} (on the classpath under {@code templates/}), HTML
 * autoescaped, strict about variables so a misspelt name fails a test rather than printing
 * nothing. Thread-safe: one instance serves every worker.
 */
public final class Templates {

    private final PebbleEngine engine;

    public Templates() {
        ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
        loader.setPrefix("templates");
        loader.setSuffix(".html");
        engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true)
                .strictVariables(true).newLineTrimming(true).build();
    }

    /** Renders the template {@code name} ({@code templates/<name>.html}) with the given model. */
    public String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(name).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A static asset of {@code templates/static/} (the stylesheet, the page script). */
    public static byte[] asset(String name) {
        if (!name.matches("[a-z0-9-]+\\.(css|js)")) { // no path: nothing outside static/
            throw new IllegalArgumentException("no such asset: " + name);
        }
        try (InputStream in = Templates.class.getClassLoader()
                .getResourceAsStream("templates/static/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no such asset: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stylesheet as text, for the PDF (which embeds it). */
    public static String stylesheet() {
        return new String(asset("oncosurv.css"), StandardCharsets.UTF_8);
    }
}
