package dev.conduit.web.ui.webcontrols;

import dev.conduit.web.ui.EventArgs;

/** What an ImageButton's Click carries, as {@code ImageClickEventArgs}: where on the image it was clicked. */
public class ImageClickEventArgs extends EventArgs {
    private final int x;
    private final int y;

    /** A click at ({@code x}, {@code y}) pixels from the image's top left corner. */
    public ImageClickEventArgs(int x, int y) {
        this.x = x;
        this.y = y;
    }

    /** Pixels from the image's left edge. */
    public int getX() {
        return x;
    }

    /** Pixels from the image's top edge. */
    public int getY() {
        return y;
    }
}
