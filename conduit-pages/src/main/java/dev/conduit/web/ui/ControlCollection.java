package dev.conduit.web.ui;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The child controls of a control, as {@code ControlCollection}. Adding a control makes this collection's owner its
 * parent (taking it from any former parent), gives it an automatic ID when its naming container needs one, and brings
 * it up to the owner's point in the life cycle: a control added during Load has its Init and Load run at once, as in
 * System.Web. A list: {@code get}, {@code size}, iteration; {@code add(int, Control)} inserts.
 *
 * <p>Exceptions thrown by a late control's Init or Load handlers propagate from {@code add} unchanged (checked ones
 * included).
 */
public class ControlCollection extends AbstractList<Control> implements RandomAccess {
    private final Control owner;
    private final List<Control> children = new ArrayList<>(4);

    /** The collection of {@code owner}'s children. */
    public ControlCollection(Control owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** The control that owns this collection. */
    public Control getOwner() {
        return owner;
    }

    @Override
    public Control get(int index) {
        return children.get(index);
    }

    @Override
    public int size() {
        return children.size();
    }

    @Override
    public boolean add(Control child) {
        add(children.size(), child);
        return true;
    }

    @Override
    public void add(int index, Control child) {
        Objects.requireNonNull(child, "child");
        if (child == owner) {
            throw new IllegalArgumentException("a control cannot be its own child: " + child);
        }
        Control former = child.getParent();
        if (former != null) {
            former.getControls().remove(child);
        }
        children.add(index, child);
        owner.addedControl(child);
    }

    @Override
    public Control remove(int index) {
        Control c = children.remove(index);
        owner.removedControl(c);
        return c;
    }

    @Override
    public boolean remove(Object o) {
        int i = children.indexOf(o);
        if (i < 0) {
            return false;
        }
        remove(i);
        return true;
    }

    @Override
    public void clear() {
        while (!children.isEmpty()) {
            remove(children.size() - 1);
        }
        if (owner instanceof NamingContainer) {
            owner.resetAutomaticIds(); // as System.Web: a cleared naming container numbers from ctl00 again
        }
    }

    @Override
    public Control set(int index, Control element) {
        Control old = remove(index);
        add(index, element);
        return old;
    }
}
