package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.Control;

/**
 * A container that renders nothing of its own, only its children, as {@code asp:PlaceHolder}: the usual target of
 * controls added in code ({@code placeHolder.getControls().add(...)}). It takes an automatic ID like any control.
 */
public class PlaceHolder extends Control {
    /** An empty placeholder. */
    public PlaceHolder() {}
}
