package dev.conduit.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A compiled {@code Eval} gives what {@code Eval} gives, for every kind of data item. */
class EvalSiteTest {
    /** A record item: {@code Eval("Price")} finds {@code price()}. */
    public record Row(int id, String name, double price) {}

    /** A JavaBean item. */
    public static final class Bean {
        /** The name. */
        public String getName() {
            return "bean <b>";
        }

        /** A boolean property. */
        public boolean isActive() {
            return true;
        }
    }

    /** An item with a public field and no getter. */
    public static final class WithField {
        /** The field. */
        public final String label = "field";
    }

    private final Page page = new Page();

    /** The text of {@code site} for {@code item} (encoded or not), next to what {@code Eval} gives for it. */
    private String[] both(EvalSite site, String expression, String format, Object item, boolean encoded) {
        page.pushDataItem(item);
        try {
            Object kept = site.bind(page);
            StringWriter out = new StringWriter();
            HtmlTextWriter writer = new HtmlTextWriter(out);
            writer.write('[');
            if (encoded) {
                site.writeEncoded(writer, kept);
            } else {
                site.write(writer, kept);
            }
            writer.flush();
            String compiled = out.toString();
            Object value = format == null ? page.Eval(expression) : page.Eval(expression, format);
            String interpreted = "[" + (encoded ? TemplateControl.encode(value) : value == null ? "" : value);
            return new String[] {compiled, interpreted};
        } finally {
            page.popDataItem();
        }
    }

    private String compiled(String expression, String format, Object item, boolean encoded) {
        EvalSite site = format == null
                ? EvalSite.of(MethodHandles.lookup(), expression)
                : EvalSite.of(MethodHandles.lookup(), expression, format);
        String[] texts = both(site, expression, format, item, encoded);
        assertThat(texts[0]).as("the compiled Eval of %s", expression).isEqualTo(texts[1]);
        return texts[0].substring(1);
    }

    @Test
    void readsRecordsBeansFieldsAndMapsAsEvalDoes() {
        Row row = new Row(7, "Item <7>", 8.75);
        assertThat(compiled("id", null, row, false)).isEqualTo("7");
        assertThat(compiled("Name", null, row, true)).isEqualTo("Item &lt;7&gt;");
        assertThat(compiled("name", null, row, false)).isEqualTo("Item <7>");
        assertThat(compiled("price", null, row, false)).isEqualTo("8.75");
        assertThat(compiled("Name", null, new Bean(), true)).isEqualTo("bean &lt;b&gt;");
        assertThat(compiled("Active", null, new Bean(), false)).isEqualTo("true");
        assertThat(compiled("Label", null, new WithField(), false)).isEqualTo("field");
        assertThat(compiled("Title", null, Map.of("title", "<map>"), true)).isEqualTo("&lt;map&gt;");
        // a JDK class
        assertThat(compiled("length", null, "four", false)).isEqualTo("4");
        // a path and an index, as DataBinder.eval parses them
        assertThat(compiled("Lines[1].Name", null, Map.of("Lines", List.of(row, new Bean())), true))
                .isEqualTo("bean &lt;b&gt;");
    }

    @Test
    void formatsAsEvalWithAFormatDoes() {
        Row row = new Row(1, "x", 1.005);
        // the double nearest 1.005 is 1.00499..., but .NET Framework rounds its shortest decimal form, as DataBinder
        assertThat(compiled("price", "{0:F2}", row, false)).isEqualTo("1.01");
        assertThat(compiled("price", "{0:F2}", new Row(1, "x", -0.001), false)).isEqualTo("0.00");
        assertThat(compiled("price", "{0:F0}", new Row(1, "x", 2.5), false)).isEqualTo("3"); // a half: BigDecimal's
        assertThat(compiled("price", "{0:F3}", new Row(1, "x", -12.0625), true)).isEqualTo("-12.063");
        assertThat(compiled("price", "{0:f}", new Row(1, "x", 3.1), false)).isEqualTo("3.10");
        assertThat(compiled("id", "{0:D4}", row, false)).isEqualTo("0001");
        assertThat(compiled("price", "<{0:F1}>", row, true)).isEqualTo("&lt;1.0&gt;");
        assertThat(compiled("id", "", row, false)).isEqualTo("1");
        Map<String, Object> missing = new HashMap<>();
        missing.put("price", null);
        assertThat(compiled("price", "{0:F2}", missing, false)).isEmpty();
        assertThat(compiled("price", null, missing, true)).isEmpty();
    }

    @Test
    void readsAClassThePagesLoaderDoesNotSeeByName() throws Exception {
        // a copy of Bean from a loader of its own (a class of another site, in application state, say): the page's
        // class cannot name it, so the getter is called through the accessor's method handle or reflection
        java.net.URL classes = Bean.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader other = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
            Object copy = other.loadClass(Bean.class.getName()).getConstructor().newInstance();
            assertThat(copy.getClass()).isNotSameAs(Bean.class);
            assertThat(compiled("Name", null, copy, true)).isEqualTo("bean &lt;b&gt;");
        }
    }

    @Test
    void keepsTheTextOfAValueThatCouldChangeBeforeRendering() {
        StringBuilder mutable = new StringBuilder("before");
        page.pushDataItem(Map.of("Text", mutable));
        Object kept = EvalSite.of(MethodHandles.lookup(), "Text").bind(page);
        page.popDataItem();
        mutable.setLength(0);
        mutable.append("after");

        StringWriter out = new StringWriter();
        HtmlTextWriter writer = new HtmlTextWriter(out);
        EvalSite.of(MethodHandles.lookup(), "Text").write(writer, kept);
        writer.flush();
        assertThat(out).hasToString("before");
    }

    @Test
    void followsTheItemsClassWhenItChanges() {
        EvalSite site = EvalSite.of(MethodHandles.lookup(), "Name");
        for (Object item : List.of(new Row(1, "row", 0), new Bean(), new Row(2, "again", 0), Map.of("Name", "map"))) {
            String[] texts = both(site, "Name", null, item, false);
            assertThat(texts[0]).isEqualTo(texts[1]);
        }
    }

    @Test
    void outsideDataBindingAndForAMissingPropertyFailsAsEvalDoes() {
        EvalSite site = EvalSite.of(MethodHandles.lookup(), "Nope");
        assertThatThrownBy(() -> site.bind(page))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("data-binding expression");
        page.pushDataItem(new Bean());
        assertThatThrownBy(() -> site.bind(page))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no property named 'Nope'");
    }
}
