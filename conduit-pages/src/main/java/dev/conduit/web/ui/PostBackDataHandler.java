package dev.conduit.web.ui;

import java.util.Map;

/**
 * A control that loads what the browser posted for it, as {@code IPostBackDataHandler}: a TextBox's text, a
 * CheckBox's state. On a postback the page calls {@link #loadPostData} for each posted field named after the control's
 * {@code UniqueID} (before Load, and again after Load for controls that Load created), then {@link
 * #raisePostDataChangedEvent} for those that said their value changed, in tree order, after Load.
 */
public interface PostBackDataHandler {
    /**
     * Takes the posted value of {@code postDataKey} from {@code postCollection} (the form's fields in posted order, a
     * field posted twice with its values joined by commas, as ASP.NET's form collection); true when the control's
     * value changed, so that its change event is raised.
     */
    boolean loadPostData(String postDataKey, Map<String, String> postCollection) throws Exception;

    /** Raises the control's change event (TextChanged, CheckedChanged). */
    void raisePostDataChangedEvent() throws Exception;
}
