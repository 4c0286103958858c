package dev.conduit.web.ui;

import java.util.AbstractList;
import java.util.Arrays;
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
    /** The children in order, in one array grown by doubling (a repeater item has one; a repeater a hundred). */
    private Control[] children = NONE;

    private int size;

    private static final Control[] NONE = new Control[0];

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
        Objects.checkIndex(index, size);
        return children[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean add(Control child) {
        add(size, child);
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
        Objects.checkIndex(index, size + 1);
        if (size == children.length) {
            children = Arrays.copyOf(children, Math.max(4, size * 2));
        }
        if (index < size) {
            System.arraycopy(children, index, children, index + 1, size - index);
        }
        children[index] = child;
        size++;
        modCount++;
        owner.addedControl(child);
    }

    @Override
    public Control remove(int index) {
        Objects.checkIndex(index, size);
        Control c = children[index];
        System.arraycopy(children, index + 1, children, index, size - index - 1);
        children[--size] = null;
        modCount++;
        owner.removedControl(c);
        return c;
    }

    @Override
    public boolean remove(Object o) {
        for (int i = 0; i < size; i++) {
            if (children[i] == o) {
                remove(i);
                return true;
            }
        }
        return false;
    }

    @Override
    public void clear() {
        while (size > 0) {
            remove(size - 1);
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
