package dev.conduit.web.ui;

import static dev.conduit.web.ui.RequestPage.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.HttpException;
import dev.conduit.web.ui.htmlcontrols.HtmlAnchor;
import dev.conduit.web.ui.htmlcontrols.HtmlForm;
import dev.conduit.web.ui.htmlcontrols.HtmlGenericControl;
import dev.conduit.web.ui.htmlcontrols.HtmlHead;
import dev.conduit.web.ui.htmlcontrols.HtmlImage;
import dev.conduit.web.ui.htmlcontrols.HtmlLink;
import dev.conduit.web.ui.htmlcontrols.HtmlMeta;
import dev.conduit.web.ui.htmlcontrols.HtmlTitle;
import org.junit.jupiter.api.Test;

class HtmlControlRenderingTest {

    @Test
    void formPostsBackToTheRequestedFileWithItsQueryString() throws Exception {
        Page page = new RequestPage("/shop/Cart.aspx", "x=1&y=2");
        HtmlForm form = new HtmlForm();
        form.setID("form1");
        page.getControls().add(form);
        form.getControls().add(new LiteralControl("x"));

        assertThat(render(form))
                .isEqualTo("<form method=\"post\" action=\"./Cart.aspx?x=1&amp;y=2\" id=\"form1\">x</form>");
    }

    @Test
    void formWithoutIdGetsOneAndKeepsItsOtherAttributesAfterTheId() throws Exception {
        Page page = new RequestPage("/Default.aspx", "");
        HtmlForm form = new HtmlForm();
        form.setEnctype("multipart/form-data");
        form.getAttributes().put("class", "main");
        page.getControls().add(form);

        assertThat(form.getID()).isNull();
        assertThat(render(form))
                .isEqualTo(
                        "<form method=\"post\" action=\"./Default.aspx\" id=\"ctl00\" enctype=\"multipart/form-data\""
                                + " class=\"main\"></form>");
    }

    @Test
    void formActionAndMethodCanBeSet() throws Exception {
        Page page = new RequestPage("/Default.aspx", "a=1");
        HtmlForm form = new HtmlForm();
        form.setID("f");
        form.setMethod("get");
        form.setAction("Search.aspx");
        page.getControls().add(form);

        assertThat(render(form)).isEqualTo("<form method=\"get\" action=\"Search.aspx\" id=\"f\"></form>");
    }

    @Test
    void genericControlRendersItsTagIdAndAttributesEncoded() throws Exception {
        HtmlGenericControl div = new HtmlGenericControl("div");
        div.setID("box");
        div.getAttributes().put("class", "c");
        div.getAttributes().put("data-x", "a\"b");
        div.getControls().add(new LiteralControl("<i>hi</i>"));

        assertThat(render(div)).isEqualTo("<div id=\"box\" class=\"c\" data-x=\"a&quot;b\"><i>hi</i></div>");

        div.setInnerText("<b>");
        assertThat(render(div)).isEqualTo("<div id=\"box\" class=\"c\" data-x=\"a&quot;b\">&lt;b&gt;</div>");
        assertThat(div.getInnerText()).isEqualTo("<b>");
    }

    @Test
    void headWithoutTitleWritesAnEmptyOne() throws Exception {
        Page page = new Page();
        HtmlHead head = new HtmlHead();
        page.getControls().add(head);
        HtmlMeta meta = new HtmlMeta();
        meta.setName("description");
        meta.setContent("About & more");
        head.getControls().add(meta);

        assertThat(render(head))
                .isEqualTo("<head><meta name=\"description\" content=\"About &amp; more\" /><title></title></head>");
    }

    @Test
    void headWithoutTitleWritesThePageTitle() throws Exception {
        Page page = new Page();
        page.setTitle("A & B");
        HtmlHead head = new HtmlHead();
        page.getControls().add(head);

        assertThat(render(head)).isEqualTo("<head><title>A &amp; B</title></head>");
    }

    @Test
    void headWithATitleRendersItOrThePageTitle() throws Exception {
        Page page = new Page();
        HtmlHead head = new HtmlHead();
        page.getControls().add(head);
        HtmlTitle title = new HtmlTitle();
        title.getControls().add(new LiteralControl("My Title"));
        head.getControls().add(title);
        page.initRecursive(); // the head registers itself as the page's header at Init

        assertThat(render(head)).isEqualTo("<head><title>My Title</title></head>");
        assertThat(page.getHeader()).isSameAs(head);
        assertThat(page.getTitle()).isEqualTo("My Title");

        page.setTitle("Other");
        assertThat(render(head)).isEqualTo("<head><title>Other</title></head>");
    }

    @Test
    void secondHeadIsRefusedAtInit() throws Exception {
        Page page = new Page();
        page.getControls().add(new HtmlHead());
        page.getControls().add(new HtmlHead());

        assertThatThrownBy(page::initRecursive)
                .isInstanceOf(HttpException.class)
                .hasMessage("You can only have one <head runat=\"server\"> control on a page.");
    }

    @Test
    void anchorWritesItsResolvedHrefFirst() throws Exception {
        Page page = new RequestPage("/Sub/X.aspx", "");
        HtmlAnchor a = new HtmlAnchor();
        a.getAttributes().put("class", "nav");
        a.setHRef("~/About.aspx");
        a.setID("lnk");
        a.setInnerHtml("About");
        page.getControls().add(a);

        assertThat(a.getHRef()).isEqualTo("~/About.aspx");
        assertThat(render(a)).isEqualTo("<a href=\"../About.aspx\" id=\"lnk\" class=\"nav\">About</a>");
    }

    @Test
    void imageAndLinkResolveTheirUrls() throws Exception {
        Page page = new RequestPage("/Sub/X.aspx", "");
        HtmlImage img = new HtmlImage();
        img.setSrc("~/img/a.png");
        img.setAlt("A");
        HtmlLink link = new HtmlLink();
        link.setHref("~/Styles/Site.css");
        link.getAttributes().put("rel", "stylesheet");
        page.getControls().add(img);
        page.getControls().add(link);

        assertThat(render(img)).isEqualTo("<img src=\"../img/a.png\" alt=\"A\" />");
        assertThat(render(link)).isEqualTo("<link href=\"../Styles/Site.css\" rel=\"stylesheet\" />");
    }

    @Test
    void relativeUrlInAUserControlOfAnotherFolderIsRebased() throws Exception {
        Page page = new RequestPage("/Default.aspx", "");
        UserControl uc = new UserControl();
        uc.setAppRelativeVirtualPath("~/controls/Header.ascx");
        page.getControls().add(uc);
        HtmlImage img = new HtmlImage();
        img.setSrc("img/logo.png");
        uc.getControls().add(img);

        assertThat(render(img)).isEqualTo("<img src=\"controls/img/logo.png\" />");
    }

    @Test
    void makeRelativeFollowsUrlPath() {
        assertThat(Control.makeRelative("/", "/About.aspx")).isEqualTo("About.aspx");
        assertThat(Control.makeRelative("/Sub/", "/About.aspx")).isEqualTo("../About.aspx");
        assertThat(Control.makeRelative("/", "/")).isEqualTo("./");
        assertThat(Control.makeRelative("/Sub/", "/Sub/")).isEqualTo("./");
        assertThat(Control.makeRelative("/Sub/", "/")).isEqualTo("../");
        assertThat(Control.makeRelative("/a/b/", "/a/c/x.aspx?q=1#f")).isEqualTo("../c/x.aspx?q=1#f");
        assertThat(Control.makeRelative("/A/", "/a/x.aspx")).isEqualTo("x.aspx");
    }
}
