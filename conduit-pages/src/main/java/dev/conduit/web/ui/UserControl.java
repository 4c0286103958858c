package dev.conduit.web.ui;

/**
 * A user control, as {@code System.Web.UI.UserControl}: what an {@code .ascx} file compiles to, used in markup through
 * {@code <%@ Register TagPrefix="uc" TagName="Header" Src="~/controls/Header.ascx" %>} and {@code <uc:Header
 * runat="server" />}, or made in code with {@link TemplateControl#loadControl}. Markup attributes set its properties
 * (JavaBean setters or public fields); an attribute it has no property for is kept in {@link #getAttributes()}. A
 * naming container that is not a binding container, as in System.Web.
 */
public class UserControl extends TemplateControl implements NonBindingContainer {
    private final AttributeCollection attributes = new AttributeCollection();

    /** A user control; compiled subclasses build their tree. */
    public UserControl() {}

    /** The attributes markup set that are no property of the control. */
    public AttributeCollection getAttributes() {
        return attributes;
    }

    /** The page's request, as a user control's {@code Request}. */
    public dev.conduit.HttpRequest getRequest() {
        return page().getRequest();
    }

    /** The page's response. */
    public dev.conduit.HttpResponse getResponse() {
        return page().getResponse();
    }

    /** The page's session, or null. */
    public dev.conduit.state.@org.jspecify.annotations.Nullable HttpSessionState getSession() {
        return page().getSession();
    }

    /** The page's server utility. */
    public dev.conduit.HttpServerUtility getServer() {
        return page().getServer();
    }

    /** The application state. */
    public dev.conduit.state.HttpApplicationState getApplication() {
        return page().getApplication();
    }

    private Page page() {
        Page p = getPage();
        if (p == null) {
            throw new IllegalStateException(this + " is not in a page's control tree yet");
        }
        return p;
    }
}
