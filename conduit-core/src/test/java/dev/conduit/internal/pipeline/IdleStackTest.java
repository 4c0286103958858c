package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The idle pools' stack: last in, first out; bounded; drained in full. */
class IdleStackTest {
    @Test
    void givesBackTheMostRecentInstanceFirst() {
        IdleStack<String> stack = new IdleStack<>(8);
        stack.offer("a");
        stack.offer("b");
        stack.offer("c");
        assertThat(stack.poll()).isEqualTo("c");
        assertThat(stack.poll()).isEqualTo("b");
        stack.offer("d");
        assertThat(stack.poll()).isEqualTo("d");
        assertThat(stack.poll()).isEqualTo("a");
        assertThat(stack.poll()).isNull();
    }

    @Test
    void growsToItsBoundAndRefusesBeyondIt() {
        IdleStack<Integer> stack = new IdleStack<>(10);
        for (int i = 0; i < 10; i++) {
            assertThat(stack.offer(i)).isTrue();
        }
        assertThat(stack.offer(10)).isFalse();
        assertThat(stack.size()).isEqualTo(10);
        assertThat(stack.poll()).isEqualTo(9);
        assertThat(stack.offer(11)).isTrue();
        assertThat(stack.offer(12)).isFalse();
    }

    @Test
    void drainHandsOverEveryIdleInstance() {
        IdleStack<Integer> stack = new IdleStack<>(100);
        for (int i = 0; i < 50; i++) {
            stack.offer(i);
        }
        List<Integer> closed = new ArrayList<>();
        stack.drain(closed::add);
        assertThat(closed).hasSize(50).startsWith(49, 48).endsWith(1, 0);
        assertThat(stack.size()).isZero();
        assertThat(stack.poll()).isNull();
    }

    @Test
    void takeUnusedTakesAShareOfWhatNoOneTookSinceItLastLooked() {
        IdleStack<Integer> stack = new IdleStack<>(100);
        for (int i = 0; i < 10; i++) {
            stack.offer(i);
        }
        // The first period began with the stack empty: everything in it was needed meanwhile.
        assertThat(stack.takeUnused(0.5)).isEmpty();
        // A period in which the load took three at most: seven stayed idle, half of them go, the oldest first.
        for (int i = 0; i < 3; i++) {
            stack.poll();
        }
        for (int i = 7; i < 10; i++) {
            stack.offer(i);
        }
        assertThat(stack.takeUnused(0.5)).containsExactly(0, 1, 2);
        assertThat(stack.size()).isEqualTo(7);
        assertThat(stack.poll()).isEqualTo(9); // the most recent stay, in order
        stack.offer(9);
        // A period in which every instance was taken: none is unused.
        List<Integer> taken = new ArrayList<>();
        Integer item;
        while ((item = stack.poll()) != null) {
            taken.add(item);
        }
        taken.forEach(stack::offer);
        assertThat(stack.takeUnused(0.5)).isEmpty();
        // Quiet periods halve what is idle, down to nothing: one at least each time while any is unused.
        int[] sizes = new int[5];
        for (int i = 0; i < sizes.length; i++) {
            stack.takeUnused(0.5);
            sizes[i] = stack.size();
        }
        assertThat(sizes).containsExactly(4, 2, 1, 0, 0);
    }

    @Test
    void aTrimIsDueOncePerIntervalForOneCaller() {
        IdleStack<Integer> stack = new IdleStack<>(100);
        for (int i = 0; i < 8; i++) {
            stack.offer(i);
        }
        long start = System.nanoTime();
        assertThat(stack.trimIfDue(start)).isEmpty(); // not due: the interval began when the stack was made
        long t = start + IdleStack.TRIM_INTERVAL_NANOS;
        assertThat(stack.trimIfDue(t)).isEmpty(); // due, but the first interval began empty: all were needed
        assertThat(stack.trimIfDue(t + 1)).isEmpty(); // the next interval has only just begun
        assertThat(stack.trimIfDue(t + IdleStack.TRIM_INTERVAL_NANOS)).containsExactly(0, 1, 2, 3);
        // Give-backs look at the clock by themselves, once in 64: not due yet, nothing is taken.
        for (int i = 0; i < 128; i++) {
            stack.offer(stack.poll());
            assertThat(stack.trimAfterGive()).isEmpty();
        }
        assertThat(stack.size()).isEqualTo(4);
    }

    @Test
    void trimmingWhileThreadsTakeAndGiveBackNeverLosesOrDuplicatesAnInstance() throws Exception {
        IdleStack<Object> stack = new IdleStack<>(4096);
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Object o = new Object();
            all.add(o);
            stack.offer(o);
        }
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                List<Object> held = new ArrayList<>();
                for (int i = 0; i < 50_000; i++) {
                    // Take a few at once and give them back: the stack's depth moves, so some trims find unused ones.
                    for (int k = 0; k < 1 + i % 5; k++) {
                        Object o = stack.poll();
                        if (o != null) {
                            held.add(o);
                        }
                    }
                    held.forEach(stack::offer);
                    held.clear();
                }
            });
            threads[t].start();
        }
        List<Object> trimmed = new ArrayList<>();
        while (trimmed.size() < 1000 && java.util.Arrays.stream(threads).anyMatch(Thread::isAlive)) {
            trimmed.addAll(stack.takeUnused(0.5));
            Thread.onSpinWait();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(trimmed).isNotEmpty().doesNotHaveDuplicates();
        List<Object> left = new ArrayList<>();
        stack.drain(left::add);
        List<Object> accounted = new ArrayList<>(left);
        accounted.addAll(trimmed);
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void threadsTakingAndGivingBackNeverLoseOrDuplicateAnInstance() throws Exception {
        IdleStack<Object> stack = new IdleStack<>(64);
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Object o = new Object();
            all.add(o);
            stack.offer(o);
        }
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    Object o = stack.poll();
                    if (o != null) {
                        stack.offer(o);
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Object> left = new ArrayList<>();
        stack.drain(left::add);
        assertThat(left).containsExactlyInAnyOrderElementsOf(all);
    }
}
