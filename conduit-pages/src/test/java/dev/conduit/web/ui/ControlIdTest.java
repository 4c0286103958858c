package dev.conduit.web.ui;

import static dev.conduit.web.ui.RequestPage.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.web.ui.htmlcontrols.HtmlForm;
import dev.conduit.web.ui.webcontrols.ContentPlaceHolder;
import dev.conduit.web.ui.webcontrols.Label;
import dev.conduit.web.ui.webcontrols.Literal;
import dev.conduit.web.ui.webcontrols.Panel;
import dev.conduit.web.ui.webcontrols.TextBox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlIdTest {

    @Test
    void directChildrenOfANamingContainerAreNumberedWhenAddedAndTextTakesNoNumber() {
        Page page = new Page();
        Label label = new Label();
        page.getControls().add(label);
        page.getControls().add(new LiteralControl("text"));
        Literal literal = new Literal();
        page.getControls().add(literal);
        page.getControls().add(new LiteralControl("more text"));
        Label last = new Label();
        page.getControls().add(last);

        assertThat(label.getUniqueID()).isEqualTo("ctl00");
        assertThat(literal.getUniqueID()).isEqualTo("ctl01");
        assertThat(last.getUniqueID()).isEqualTo("ctl02");
    }

    @Test
    void childrenAddedBeforeTheirParentJoinedAreNumberedAtInitAfterTheirSiblings() throws Exception {
        Page page = new Page();
        Panel panel = new Panel();
        Label inner = new Label();
        panel.getControls().add(inner); // the panel has no naming container yet: no number
        Label first = new Label();
        page.getControls().add(first);
        page.getControls().add(panel);
        Label last = new Label();
        page.getControls().add(last);

        page.initRecursive();

        assertThat(first.getUniqueID()).isEqualTo("ctl00");
        assertThat(panel.getUniqueID()).isEqualTo("ctl01");
        assertThat(last.getUniqueID()).isEqualTo("ctl02");
        assertThat(inner.getUniqueID()).isEqualTo("ctl03");
    }

    @Test
    void childAddedUnderAnAttachedParentIsNumberedAtOnce() {
        Page page = new Page();
        Panel panel = new Panel();
        page.getControls().add(panel);
        Label inner = new Label();
        panel.getControls().add(inner);
        Label after = new Label();
        page.getControls().add(after);

        assertThat(inner.getUniqueID()).isEqualTo("ctl01");
        assertThat(after.getUniqueID()).isEqualTo("ctl02");
    }

    @Test
    void numbersPastNinetyNineAreNotPadded() {
        Page page = new Page();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < 102; i++) {
            Label l = new Label();
            page.getControls().add(l);
            labels.add(l);
        }

        assertThat(labels.get(9).getUniqueID()).isEqualTo("ctl09");
        assertThat(labels.get(10).getUniqueID()).isEqualTo("ctl10");
        assertThat(labels.get(99).getUniqueID()).isEqualTo("ctl99");
        assertThat(labels.get(100).getUniqueID()).isEqualTo("ctl100");
        assertThat(labels.get(101).getUniqueID()).isEqualTo("ctl101");
    }

    @Test
    void clearingANamingContainerRestartsItsNumbering() {
        Page page = new Page();
        page.getControls().add(new Label());
        page.getControls().add(new Label());
        page.getControls().clear();
        Label again = new Label();
        page.getControls().add(again);

        assertThat(again.getUniqueID()).isEqualTo("ctl00");
    }

    @Test
    void clearingAControlThatIsNoNamingContainerKeepsTheNumbering() {
        Page page = new Page();
        Panel panel = new Panel();
        page.getControls().add(panel);
        panel.getControls().add(new Label());
        panel.getControls().clear();
        Label again = new Label();
        panel.getControls().add(again);

        assertThat(panel.getUniqueID()).isEqualTo("ctl00");
        assertThat(again.getUniqueID()).isEqualTo("ctl02");
    }

    /** Page, MasterPage (ctl00), form1, ContentPlaceHolder Main, TextBox Name: the brief's worked example. */
    private static TextBox masterTree(Page page) {
        MasterPage master = new MasterPage();
        page.getControls().add(master);
        HtmlForm form = new HtmlForm();
        form.setID("form1");
        master.getControls().add(form);
        ContentPlaceHolder main = new ContentPlaceHolder();
        main.setID("Main");
        form.getControls().add(main);
        TextBox name = new TextBox();
        name.setID("Name");
        main.getControls().add(name);
        return name;
    }

    @Test
    void predictableClientIdLeavesOutTheMasterPage() throws Exception {
        TextBox name = masterTree(new Page());

        assertThat(name.getUniqueID()).isEqualTo("ctl00$Main$Name");
        assertThat(name.getClientID()).isEqualTo("Main_Name");
        assertThat(render(name)).isEqualTo("<input name=\"ctl00$Main$Name\" type=\"text\" id=\"Main_Name\" />");
    }

    @Test
    void formInsideAMasterPageRendersItsOwnId() throws Exception {
        Page page = new Page();
        TextBox name = masterTree(page);
        Control form = name.getParent().getParent();

        assertThat(form.getClientID()).isEqualTo("form1");
        assertThat(form.getUniqueID()).isEqualTo("form1");
        assertThat(render(form))
                .isEqualTo("<form method=\"post\" id=\"form1\"><input name=\"ctl00$Main$Name\" type=\"text\""
                        + " id=\"Main_Name\" /></form>");
    }

    @Test
    void autoIdClientIdIsTheUniqueIdWithUnderscores() {
        Page page = new Page();
        page.setClientIDMode(ClientIDMode.AUTO_ID);
        TextBox name = masterTree(page);

        assertThat(name.getClientID()).isEqualTo("ctl00_Main_Name");
    }

    @Test
    void staticClientIdIsTheIdAsWritten() {
        TextBox name = masterTree(new Page());
        name.setClientIDMode(ClientIDMode.STATIC);

        assertThat(name.getClientID()).isEqualTo("Name");
        assertThat(name.getUniqueID()).isEqualTo("ctl00$Main$Name");
    }

    @Test
    void inheritedModeComesFromTheNamingContainerNotTheParent() {
        Page page = new Page();
        UserControl uc = new UserControl();
        uc.setID("uc");
        page.getControls().add(uc);
        Panel panel = new Panel();
        panel.setID("P");
        panel.setClientIDMode(ClientIDMode.STATIC);
        uc.getControls().add(panel);
        Label label = new Label();
        label.setID("L1");
        panel.getControls().add(label);

        assertThat(panel.getClientID()).isEqualTo("P");
        assertThat(label.getClientID()).isEqualTo("uc_L1");
    }

    @Test
    void staticModeOnTheNamingContainerReachesItsChildren() {
        Page page = new Page();
        UserControl uc = new UserControl();
        uc.setID("uc");
        uc.setClientIDMode(ClientIDMode.STATIC);
        page.getControls().add(uc);
        Label label = new Label();
        label.setID("L1");
        uc.getControls().add(label);

        assertThat(label.getClientID()).isEqualTo("L1");
    }

    @Test
    void userControlWithAnAutomaticIdContributesIt() {
        Page page = new Page();
        page.getControls().add(new Label());
        UserControl uc = new UserControl();
        page.getControls().add(uc);
        Label label = new Label();
        label.setID("Name");
        uc.getControls().add(label);

        assertThat(label.getClientID()).isEqualTo("ctl01_Name");
        assertThat(label.getUniqueID()).isEqualTo("ctl01$Name");
    }

    @Test
    void automaticIdIsHiddenUntilTheClientIdIsRead() throws Exception {
        Page page = new Page();
        Label label = new Label();
        label.setText("x");
        page.getControls().add(label);

        assertThat(label.getID()).isNull();
        assertThat(render(label)).isEqualTo("<span>x</span>");

        assertThat(label.getClientID()).isEqualTo("ctl00");
        assertThat(label.getID()).isEqualTo("ctl00");
        assertThat(render(label)).isEqualTo("<span id=\"ctl00\">x</span>");
    }

    @Test
    void movingAControlRecomputesTheIdsOfItsDescendants() {
        Page page = new Page();
        UserControl a = new UserControl();
        a.setID("a");
        UserControl b = new UserControl();
        b.setID("b");
        page.getControls().add(a);
        page.getControls().add(b);
        Panel panel = new Panel();
        a.getControls().add(panel);
        Label label = new Label();
        label.setID("L");
        panel.getControls().add(label);
        assertThat(label.getUniqueID()).isEqualTo("a$L");

        b.getControls().add(panel);

        assertThat(label.getUniqueID()).isEqualTo("b$L");
        assertThat(label.getClientID()).isEqualTo("b_L");
    }

    @Test
    void findControlIgnoresCaseAndStaysInItsNamingContainer() {
        Page page = new Page();
        Panel panel = new Panel();
        page.getControls().add(panel);
        Label title = new Label();
        title.setID("Title");
        panel.getControls().add(title);
        UserControl uc = new UserControl();
        uc.setID("uc");
        page.getControls().add(uc);
        Label inner = new Label();
        inner.setID("Inner");
        uc.getControls().add(inner);

        assertThat(page.findControl("title")).isSameAs(title);
        assertThat(page.findControl("Inner")).isNull();
        assertThat(page.findControl("uc$inner")).isSameAs(inner);
        assertThat(page.findControl("missing$Inner")).isNull();
        assertThat(title.findControl("UC")).isSameAs(uc);
        assertThat(uc.findControl("Title")).isNull();
        assertThat(inner.findControl("Inner")).isSameAs(inner);
    }
}
