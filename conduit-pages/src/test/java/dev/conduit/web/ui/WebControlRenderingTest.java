package dev.conduit.web.ui;

import static dev.conduit.web.ui.RequestPage.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.HttpException;
import dev.conduit.web.ui.htmlcontrols.HtmlForm;
import dev.conduit.web.ui.webcontrols.Button;
import dev.conduit.web.ui.webcontrols.Color;
import dev.conduit.web.ui.webcontrols.HiddenField;
import dev.conduit.web.ui.webcontrols.HorizontalAlign;
import dev.conduit.web.ui.webcontrols.HyperLink;
import dev.conduit.web.ui.webcontrols.Image;
import dev.conduit.web.ui.webcontrols.ImageAlign;
import dev.conduit.web.ui.webcontrols.Label;
import dev.conduit.web.ui.webcontrols.Literal;
import dev.conduit.web.ui.webcontrols.Panel;
import dev.conduit.web.ui.webcontrols.PlaceHolder;
import dev.conduit.web.ui.webcontrols.TextBox;
import dev.conduit.web.ui.webcontrols.TextBoxMode;
import dev.conduit.web.ui.webcontrols.Unit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebControlRenderingTest {

    private static <T extends Control> T withId(T control, String id) {
        control.setID(id);
        return control;
    }

    private static HtmlForm formIn(Page page) {
        HtmlForm form = withId(new HtmlForm(), "form1");
        page.getControls().add(form);
        return form;
    }

    // ---- Label ----------------------------------------------------------------------------------------------

    @Test
    void labelIsASpanWithItsTextAsItIs() throws Exception {
        Label label = withId(new Label(), "L");
        label.setText("<b>Hi</b>");

        assertThat(render(label)).isEqualTo("<span id=\"L\"><b>Hi</b></span>");
    }

    @Test
    void labelForAnotherControlIsALabelElementNamingItsClientId() throws Exception {
        Page page = new Page();
        UserControl uc = withId(new UserControl(), "uc");
        page.getControls().add(uc);
        uc.getControls().add(withId(new TextBox(), "Name"));
        Label label = withId(new Label(), "Lbl");
        label.setAssociatedControlID("Name");
        label.setText("Name:");
        uc.getControls().add(label);

        assertThat(render(label)).isEqualTo("<label for=\"uc_Name\" id=\"uc_Lbl\">Name:</label>");
    }

    @Test
    void commonAttributesComeInOrderWithTheStyleLast() throws Exception {
        Label label = withId(new Label(), "L");
        label.setText("x");
        label.getAttributes().put("data-b", "2");
        label.setCssClass("big");
        label.getAttributes().put("data-a", "1");
        label.setToolTip("tip");
        label.setStyle("margin:0");
        label.setForeColor(Color.parse("red"));
        label.setWidth(Unit.parse("100px"));
        label.setEnabled(false);

        assertThat(render(label))
                .isEqualTo("<span id=\"L\" disabled=\"disabled\" title=\"tip\" class=\"big\" data-b=\"2\" data-a=\"1\""
                        + " style=\"margin:0;display:inline-block;color:Red;width:100px;\">x</span>");
    }

    @Test
    void attributeValuesAreEncoded() throws Exception {
        Label label = new Label();
        label.setToolTip("a \"b\" <c> & d");

        assertThat(render(label)).isEqualTo("<span title=\"a &quot;b&quot; &lt;c&gt; &amp; d\"></span>");
    }

    @Test
    void labelTextInsideTheTagIsItsText() throws Exception {
        Label label = new Label();
        label.addParsedSubObject(new LiteralControl("Hello"));

        assertThat(label.getText()).isEqualTo("Hello");
        assertThat(render(label)).isEqualTo("<span>Hello</span>");
    }

    // ---- Literal --------------------------------------------------------------------------------------------

    @Test
    void literalWritesItsTextAsItIsOrEncoded() throws Exception {
        Literal literal = new Literal();
        assertThat(render(literal)).isEmpty();

        literal.setText("<b>x</b>");
        assertThat(render(literal)).isEqualTo("<b>x</b>");

        literal.setMode(Literal.LiteralMode.PASS_THROUGH);
        assertThat(render(literal)).isEqualTo("<b>x</b>");

        literal.setMode(Literal.LiteralMode.ENCODE);
        assertThat(render(literal)).isEqualTo("&lt;b&gt;x&lt;/b&gt;");
    }

    // ---- HyperLink ------------------------------------------------------------------------------------------

    @Test
    void hyperLinkWithoutUrlHasNoHref() throws Exception {
        HyperLink link = withId(new HyperLink(), "H");
        link.setText("Home");

        assertThat(render(link)).isEqualTo("<a id=\"H\">Home</a>");
    }

    @Test
    void hyperLinkResolvesAppRelativeUrlsAgainstTheRequest() throws Exception {
        assertThat(linkFrom("/Default.aspx", "~/About.aspx")).isEqualTo("<a href=\"About.aspx\">x</a>");
        assertThat(linkFrom("/Sub/X.aspx", "~/About.aspx")).isEqualTo("<a href=\"../About.aspx\">x</a>");
        assertThat(linkFrom("/Sub/X.aspx", "~/Sub/Y.aspx?a=1&b=2")).isEqualTo("<a href=\"Y.aspx?a=1&amp;b=2\">x</a>");
        assertThat(linkFrom("/Default.aspx", "~/")).isEqualTo("<a href=\"./\">x</a>");
        assertThat(linkFrom("/Default.aspx", "~/My Page.aspx")).isEqualTo("<a href=\"My%20Page.aspx\">x</a>");
        assertThat(linkFrom("/Sub/X.aspx", "http://example.com/a")).isEqualTo("<a href=\"http://example.com/a\">x</a>");
        assertThat(linkFrom("/Sub/X.aspx", "/About.aspx")).isEqualTo("<a href=\"/About.aspx\">x</a>");
        assertThat(linkFrom("/Sub/X.aspx", "Y.aspx")).isEqualTo("<a href=\"Y.aspx\">x</a>");
    }

    private static String linkFrom(String requestPath, String url) throws Exception {
        Page page = new RequestPage(requestPath, "");
        HyperLink link = new HyperLink();
        link.setNavigateUrl(url);
        link.setText("x");
        page.getControls().add(link);
        return render(link);
    }

    @Test
    void hyperLinkOutsideAPageResolvesFromTheSiteRoot() throws Exception {
        HyperLink link = new HyperLink();
        link.setNavigateUrl("~/About.aspx");

        assertThat(render(link)).isEqualTo("<a href=\"/About.aspx\"></a>");
    }

    @Test
    void hyperLinkTargetAndDisabledLink() throws Exception {
        HyperLink link = withId(new HyperLink(), "H");
        link.setNavigateUrl("a.aspx");
        link.setTarget("_blank");
        link.setText("Go");
        assertThat(render(link)).isEqualTo("<a id=\"H\" href=\"a.aspx\" target=\"_blank\">Go</a>");

        link.setEnabled(false);
        assertThat(render(link)).isEqualTo("<a id=\"H\" disabled=\"disabled\" target=\"_blank\">Go</a>");
    }

    @Test
    void hyperLinkWithAnImageRendersAnImgWithTheTextAsAlt() throws Exception {
        Page page = new RequestPage("/Sub/X.aspx", "");
        HyperLink link = new HyperLink();
        link.setNavigateUrl("~/Default.aspx");
        link.setImageUrl("~/img/home.png");
        link.setText("Home");
        link.setToolTip("Go home");
        page.getControls().add(link);

        assertThat(render(link))
                .isEqualTo("<a title=\"Go home\" href=\"../Default.aspx\"><img title=\"Go home\""
                        + " src=\"../img/home.png\" alt=\"Home\" /></a>");
    }

    // ---- Image ----------------------------------------------------------------------------------------------

    @Test
    void imageRendersSrcAltAndAlign() throws Exception {
        Page page = new RequestPage("/Default.aspx", "");
        Image image = withId(new Image(), "Logo");
        image.setImageUrl("~/img/logo.png");
        image.setAlternateText("Logo");
        image.setImageAlign(ImageAlign.ABS_MIDDLE);
        page.getControls().add(image);

        assertThat(render(image))
                .isEqualTo("<img id=\"Logo\" src=\"img/logo.png\" alt=\"Logo\" align=\"absmiddle\" />");
    }

    @Test
    void imageAlwaysRendersSrcAndAltOnlyWhenAskedFor() throws Exception {
        Image image = new Image();
        assertThat(render(image)).isEqualTo("<img src=\"\" />");

        image.setGenerateEmptyAlternateText(true);
        assertThat(render(image)).isEqualTo("<img src=\"\" alt=\"\" />");
    }

    // ---- Panel and PlaceHolder ------------------------------------------------------------------------------

    @Test
    void panelIsADivAroundItsChildren() throws Exception {
        Panel panel = withId(new Panel(), "P");
        panel.getControls().add(new LiteralControl("x"));
        panel.getControls().add(new Label());

        assertThat(render(panel)).isEqualTo("<div id=\"P\">x<span></span></div>");
    }

    @Test
    void panelWithGroupingTextWrapsItsChildrenInAFieldset() throws Exception {
        Panel panel = withId(new Panel(), "P");
        panel.setGroupingText("Your details");
        panel.setHorizontalAlign(HorizontalAlign.CENTER);
        panel.setWrap(false);
        panel.setDefaultButton("Save");
        panel.getControls().add(new LiteralControl("x"));

        assertThat(render(panel))
                .isEqualTo("<div id=\"P\" style=\"text-align:center;white-space:nowrap;\"><fieldset>"
                        + "<legend>Your details</legend>x</fieldset></div>");
    }

    @Test
    void placeHolderRendersOnlyItsChildren() throws Exception {
        Page page = new Page();
        PlaceHolder ph = new PlaceHolder();
        page.getControls().add(ph);
        ph.getControls().add(new LiteralControl("a"));
        ph.getControls().add(withId(new Label(), "L"));

        assertThat(render(ph)).isEqualTo("a<span id=\"L\"></span>");
        assertThat(ph.getUniqueID()).isEqualTo("ctl00");
    }

    // ---- TextBox --------------------------------------------------------------------------------------------

    @Test
    void textBoxRendersItsAttributesInAspNetOrder() throws Exception {
        Page page = new Page();
        TextBox box = withId(new TextBox(), "Name");
        box.setText("a<b");
        box.setMaxLength(10);
        box.setColumns(20);
        box.setReadOnly(true);
        box.setCssClass("wide");
        box.getAttributes().put("placeholder", "Your name");
        formIn(page).getControls().add(box);

        assertThat(render(box))
                .isEqualTo("<input name=\"Name\" type=\"text\" value=\"a&lt;b\" maxlength=\"10\" size=\"20\""
                        + " readonly=\"readonly\" id=\"Name\" class=\"wide\" placeholder=\"Your name\" />");
    }

    @Test
    void textBoxWithAnAutomaticIdRendersItsNameButNoId() throws Exception {
        Page page = new Page();
        page.getControls().add(new Label());
        TextBox box = new TextBox();
        formIn(page).getControls().add(box);

        assertThat(render(box)).isEqualTo("<input name=\"ctl01\" type=\"text\" />");
    }

    @Test
    void passwordNeverRendersItsValue() throws Exception {
        TextBox box = withId(new TextBox(), "Pw");
        box.setTextMode(TextBoxMode.PASSWORD);
        box.setText("secret");

        assertThat(render(box)).isEqualTo("<input name=\"Pw\" type=\"password\" id=\"Pw\" />");
    }

    @Test
    void multiLineTextBoxIsATextareaWithALineBreakBeforeTheEncodedText() throws Exception {
        TextBox box = withId(new TextBox(), "Notes");
        box.setTextMode(TextBoxMode.MULTI_LINE);
        box.setText("x & y");
        box.setMaxLength(5);

        assertThat(render(box))
                .isEqualTo("<textarea name=\"Notes\" rows=\"2\" cols=\"20\" id=\"Notes\">\nx &amp; y</textarea>");

        box.setRows(5);
        box.setColumns(40);
        box.setWrap(false);
        assertThat(render(box))
                .isEqualTo("<textarea name=\"Notes\" rows=\"5\" cols=\"40\" wrap=\"off\" id=\"Notes\">\nx &amp; y"
                        + "</textarea>");
    }

    @Test
    void customTypeAttributeReplacesText() throws Exception {
        TextBox box = withId(new TextBox(), "Mail");
        box.getAttributes().put("type", "email");

        assertThat(render(box)).isEqualTo("<input name=\"Mail\" id=\"Mail\" type=\"email\" />");
    }

    @Test
    void textBoxInAPageOutsideAFormThrows() {
        Page page = new Page();
        TextBox box = withId(new TextBox(), "Name");
        page.getControls().add(box);

        assertThatThrownBy(() -> render(box))
                .isInstanceOf(HttpException.class)
                .hasMessage("Control 'Name' of type 'TextBox' must be placed inside a form tag with runat=server.");
    }

    @Test
    void negativeMaxLengthIsRefused() {
        assertThatThrownBy(() -> new TextBox().setMaxLength(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MaxLength must be >= 0: -1");
    }

    // ---- Button and HiddenField -----------------------------------------------------------------------------

    @Test
    void buttonIsASubmitInputNamedByItsUniqueId() throws Exception {
        Page page = new Page();
        UserControl uc = withId(new UserControl(), "uc");
        formIn(page).getControls().add(uc);
        Button button = withId(new Button(), "Save");
        button.setText("Save it");
        button.setOnClientClick("return confirm('Sure?')");
        button.setCssClass("btn");
        uc.getControls().add(button);

        assertThat(render(button))
                .isEqualTo("<input type=\"submit\" name=\"uc$Save\" value=\"Save it\""
                        + " onclick=\"return confirm(&#39;Sure?&#39;);\" id=\"uc_Save\" class=\"btn\" />");
    }

    @Test
    void buttonRaisesClickThenCommand() throws Exception {
        List<String> log = new ArrayList<>();
        Button button = new Button();
        button.setCommandName("Delete");
        button.setCommandArgument("7");
        button.addClick((sender, e) -> log.add("click"));
        button.addCommand((sender, e) -> log.add("command " + e.getCommandName() + " " + e.getCommandArgument()));

        button.raisePostBackEvent("");

        assertThat(log).containsExactly("click", "command Delete 7");
    }

    @Test
    void hiddenFieldRendersTypeNameIdValue() throws Exception {
        Page page = new Page();
        HiddenField field = withId(new HiddenField(), "Key");
        field.setValue("4\"2");
        HtmlForm form = formIn(page);
        form.getControls().add(field);
        HiddenField empty = new HiddenField();
        form.getControls().add(empty);

        assertThat(render(field)).isEqualTo("<input type=\"hidden\" name=\"Key\" id=\"Key\" value=\"4&quot;2\" />");
        assertThat(render(empty)).isEqualTo("<input type=\"hidden\" name=\"ctl00\" />");
    }
}
