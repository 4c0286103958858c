package dev.conduit.web.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One postback's processing, as System.Web's {@code ProcessPostData}, {@code RaiseChangedEvents} and {@code
 * RaisePostBackEvent}: posted fields are given to the controls their names are the UniqueIDs of; those whose value
 * changed raise their change events after Load; then the one postback event is raised, by the button whose name was
 * posted (the one clicked) or the control {@code __EVENTTARGET} names.
 */
final class PostBack {
    /** The page's own fields, never a control's (System.Web's {@code IsSystemPostField}). */
    private static final Set<String> SYSTEM_FIELDS = Set.of(
            "__EVENTTARGET",
            "__EVENTARGUMENT",
            "__VIEWSTATE",
            "__VIEWSTATEFIELDCOUNT",
            "__VIEWSTATEGENERATOR",
            "__VIEWSTATEENCRYPTED",
            "__EVENTVALIDATION",
            "__LASTFOCUS",
            "__SCROLLPOSITIONX",
            "__SCROLLPOSITIONY",
            "__PREVIOUSPAGE",
            "__CALLBACKID",
            "__CALLBACKPARAM");

    private final Page page;
    private final Map<String, String> data;
    /** Fields no control claimed before Load: tried again after it (controls that Load created). */
    private List<String> unclaimed = List.of();

    private final List<PostBackDataHandler> changed = new ArrayList<>();

    PostBack(Page page, Map<String, String> data) {
        this.page = page;
        this.data = data;
    }

    /** Loads the posted fields into their controls; {@code first}: before Load (all fields), else after it (the rest). */
    void processPostData(boolean first) throws Exception {
        Collection<String> keys = first ? data.keySet() : unclaimed;
        if (first) {
            // controls that asked for the post data whether or not a field of theirs came (an unchecked CheckBox)
            List<String> all = new ArrayList<>(keys);
            for (String id : page.postedRequiresPostData()) {
                if (!data.containsKey(id)) {
                    all.add(id);
                }
            }
            keys = all;
        }
        List<String> notFound = new ArrayList<>();
        for (String key : keys) {
            if (SYSTEM_FIELDS.contains(key)) {
                continue;
            }
            Control c = page.findControl(key);
            if (c == null) {
                notFound.add(key);
            } else if (c instanceof PostBackDataHandler handler) {
                if (handler.loadPostData(key, data) && !changed.contains(handler)) {
                    changed.add(handler);
                }
            } else if (c instanceof PostBackEventHandler handler) {
                page.registerRequiresRaiseEvent(handler); // a submit button posts its name: it raises the event
            }
        }
        unclaimed = notFound;
    }

    /** Raises the change events of the controls whose posted value changed, in the order their fields came. */
    void raiseChangedEvents() throws Exception {
        for (PostBackDataHandler handler : changed) {
            if (handler instanceof Control c && c.getPage() != page) {
                continue; // removed from the page since
            }
            handler.raisePostDataChangedEvent();
        }
    }

    /** Raises the postback's event: the posted button's, else the {@code __EVENTTARGET} control's. */
    void raisePostBackEvent() throws Exception {
        PostBackEventHandler eventSource = page.requiresRaiseEvent();
        if (eventSource != null) {
            eventSource.raisePostBackEvent(null);
            return;
        }
        String target = data.get("__EVENTTARGET");
        if (target == null || target.isEmpty()) {
            page.validate(); // a postback no control raised (Enter in a text box): the page validates, as ASP.NET
            return;
        }
        if (page.findControl(target) instanceof PostBackEventHandler handler) {
            handler.raisePostBackEvent(data.getOrDefault("__EVENTARGUMENT", ""));
        }
    }
}
