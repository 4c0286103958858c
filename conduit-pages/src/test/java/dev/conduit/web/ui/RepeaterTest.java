package dev.conduit.web.ui;

import static dev.conduit.web.ui.RequestPage.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.web.ui.webcontrols.Label;
import dev.conduit.web.ui.webcontrols.Repeater;
import dev.conduit.web.ui.webcontrols.RepeaterItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class RepeaterTest {
    /** A data item that is a record. */
    public record Row(String name) {}

    /** A data item that is a JavaBean. */
    public static final class Bean {
        /** The name. */
        public String getName() {
            return "bean";
        }
    }

    private final Page page = new Page();
    private final Repeater rows = new Repeater();

    RepeaterTest() {
        rows.setID("Rows");
        page.getControls().add(rows);
    }

    private static Template text(String text) {
        return c -> c.getControls().add(new LiteralControl(text));
    }

    /** A template writing {@code prefix} and the item's Name, read from the binding container's data item. */
    private static Template named(String prefix) {
        return c -> c.getControls()
                .add(new DataBoundLiteralControl(
                        self -> prefix
                                + DataBinder.eval(((RepeaterItem) self.getBindingContainer()).getDataItem(), "Name"),
                        false));
    }

    @Test
    void rendersHeaderItemsSeparatorsAndFooterInOrder() throws Exception {
        rows.setHeaderTemplate(text("<ul>"));
        rows.setItemTemplate(named("<li>"));
        rows.setSeparatorTemplate(text("|"));
        rows.setFooterTemplate(text("</ul>"));
        rows.setDataSource(List.of(new Row("a"), new Row("b"), new Row("c")));

        rows.dataBind();

        assertThat(render(rows)).isEqualTo("<ul><li>a|<li>b|<li>c</ul>");
        assertThat(rows.getItems()).extracting(RepeaterItem::getItemIndex).containsExactly(0, 1, 2);
    }

    @Test
    void alternatingTemplateServesOddIndexes() throws Exception {
        rows.setItemTemplate(named("I:"));
        rows.setAlternatingItemTemplate(named("A:"));
        rows.setDataSource(List.of(new Row("a"), new Row("b"), new Row("c")));

        rows.dataBind();

        assertThat(render(rows)).isEqualTo("I:aA:bI:c");
    }

    @Test
    void itemCreatedComesBeforeBindingAndItemDataBoundAfter() throws Exception {
        List<String> log = new ArrayList<>();
        rows.setHeaderTemplate(text("H"));
        rows.setSeparatorTemplate(text(","));
        rows.setItemTemplate(named(""));
        rows.setFooterTemplate(text("F"));
        rows.addItemCreated((sender, e) -> log.add("created " + e.getItem().getItemType() + " "
                + e.getItem().getItemIndex() + " parent=" + (e.getItem().getParent() != null)));
        rows.addItemDataBound((sender, e) -> log.add(
                "bound " + e.getItem().getItemType() + " " + e.getItem().getItemIndex() + " " + render(e.getItem())));
        rows.setDataSource(List.of(new Row("a"), new Row("b")));

        rows.dataBind();

        assertThat(log)
                .containsExactly(
                        "created HEADER -1 parent=false",
                        "bound HEADER -1 H",
                        "created ITEM 0 parent=false",
                        "bound ITEM 0 a",
                        "created SEPARATOR 0 parent=false",
                        "bound SEPARATOR 0 ,",
                        "created ALTERNATING_ITEM 1 parent=false",
                        "bound ALTERNATING_ITEM 1 b",
                        "created FOOTER -1 parent=false",
                        "bound FOOTER -1 F");
    }

    @Test
    void emptySourceRendersHeaderAndFooter() throws Exception {
        rows.setHeaderTemplate(text("H"));
        rows.setItemTemplate(named(""));
        rows.setFooterTemplate(text("F"));
        rows.setDataSource(List.of());

        rows.dataBind();

        assertThat(render(rows)).isEqualTo("HF");
    }

    @Test
    void nullSourceRendersNothing() throws Exception {
        rows.setHeaderTemplate(text("H"));
        rows.setFooterTemplate(text("F"));

        rows.dataBind();

        assertThat(render(rows)).isEmpty();
        assertThat(rows.hasControls()).isFalse();
    }

    @Test
    void evalReadsTheItemFromThePagesDataItemStack() throws Exception {
        rows.setItemTemplate(c -> c.getControls().add(new DataBoundLiteralControl(self -> page.Eval("Name"), true)));
        rows.setSeparatorTemplate(text("|"));
        rows.setDataSource(List.of(Map.of("name", "<map>"), new Row("record"), new Bean()));

        rows.dataBind();

        assertThat(render(rows)).isEqualTo("&lt;map&gt;|record|bean");
        assertThat(page.isDataBinding()).isFalse();
    }

    @Test
    void evalWithAFormat() throws Exception {
        rows.setItemTemplate(
                c -> c.getControls().add(new DataBoundLiteralControl(self -> page.Eval("Price", "{0:F2};"), false)));
        rows.setDataSource(List.of(Map.of("Price", 1.5), Map.of("Price", 2)));

        rows.dataBind();

        assertThat(render(rows)).isEqualTo("1.50;2.00;");
    }

    @Test
    void controlsInItemsGetPredictableClientIdsWithTheItemIndex() throws Exception {
        Template withLabel = c -> {
            Label l = new Label();
            l.setID("Label1");
            c.getControls().add(l);
        };
        rows.setHeaderTemplate(withLabel);
        rows.setItemTemplate(withLabel);
        rows.setDataSource(List.of(new Row("a"), new Row("b")));

        rows.dataBind();

        Label header = (Label) rows.getControls().get(0).findControl("Label1");
        Label first = (Label) rows.getItems().get(0).findControl("Label1");
        Label second = (Label) rows.getItems().get(1).findControl("Label1");
        assertThat(header.getClientID()).isEqualTo("Rows_Label1");
        assertThat(first.getClientID()).isEqualTo("Rows_Label1_0");
        assertThat(second.getClientID()).isEqualTo("Rows_Label1_1");
        assertThat(first.getUniqueID()).isEqualTo("Rows$ctl01$Label1");
        assertThat(rows.getItems().get(0).getClientID()).isEqualTo("Rows");
        assertThat(render(first)).isEqualTo("<span id=\"Rows_Label1_0\"></span>");
    }

    @Test
    void rebindingNumbersTheItemsFromCtl00Again() throws Exception {
        rows.setItemTemplate(named(""));
        rows.setDataSource(List.of(new Row("a"), new Row("b")));
        rows.dataBind();
        rows.dataBind();

        assertThat(rows.getControls()).hasSize(2);
        assertThat(rows.getControls().get(0).getUniqueID()).isEqualTo("Rows$ctl00");
        assertThat(rows.getControls().get(1).getUniqueID()).isEqualTo("Rows$ctl01");
    }
}
