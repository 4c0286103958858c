package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conduit.HttpException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The request body's back-pressure: when it asks the connection to pause, and that a pause is always lifted. */
class RequestBodyTest {
    private final AtomicInteger resumes = new AtomicInteger();
    private final List<ByteBuf> offered = new ArrayList<>();
    private final RequestBody body = RequestBody.streamed(
            new RequestBody.Flow() {
                @Override
                public void resume() {
                    resumes.incrementAndGet();
                }

                @Override
                public void sendContinue() {}
            },
            false);

    private ByteBuf chunk(int size) {
        ByteBuf b = Unpooled.buffer(size).writeZero(size);
        offered.add(b);
        return b;
    }

    private void read(int bytes) throws Exception {
        byte[] buffer = new byte[8192];
        int left = bytes;
        while (left > 0) {
            int n = body.read(buffer, 0, Math.min(buffer.length, left));
            assertThat(n).isPositive();
            left -= n;
        }
    }

    @Test
    void whatArrivesAfterTheBodyWasDiscardedIsReleasedOnArrival() {
        ByteBuf read = chunk(100);
        body.offer(read, false);
        body.discard(); // the response ended; the client still sends
        assertThat(read.refCnt()).as("queued before the discard").isZero();
        ByteBuf late = chunk(100);
        ByteBuf last = chunk(10);
        assertThat(body.offer(late, false)).as("no pause asked for").isTrue();
        assertThat(body.offer(last, true)).isTrue();
        assertThat(late.refCnt()).isZero();
        assertThat(last.refCnt()).isZero();
    }

    @Test
    void aRequestWithoutABodyIsCompleteReadsItsEndAndReleasesWhatArrives() throws Exception {
        RequestBody none = RequestBody.none();
        assertThat(none.isComplete()).isTrue();
        assertThat(none.read()).isEqualTo(-1);
        assertThat(none.read(new byte[8], 0, 8)).isEqualTo(-1);
        assertThat(none.read(new byte[8], 0, 0)).isZero();
        ByteBuf last = Unpooled.buffer(0);
        assertThat(none.offer(last, true)).isTrue();
        assertThat(last.refCnt()).isZero();
        none.fail(new HttpException(400, "ignored"));
        assertThat(none.isFailed()).isFalse();
        assertThat(none.isComplete()).isTrue();
        assertThat(RequestBody.none()).isSameAs(none);
    }

    @Test
    void asksToPauseAboveTheHighWaterMarkAndToResumeUnderTheLowOne() throws Exception {
        assertThat(body.offer(chunk(RequestBody.HIGH_WATER), false)).isTrue();
        assertThat(body.offer(chunk(64 * 1024), false)).isFalse();

        read(RequestBody.HIGH_WATER + 64 * 1024 - RequestBody.LOW_WATER);
        assertThat(resumes).hasValue(0);
        read(1);
        assertThat(resumes).hasValue(1);
    }

    @Test
    void aChunkArrivingAfterThePauseDoesNotLiftIt() throws Exception {
        // The connection paused; the reader drained some, but not under the low mark; then the rest of the same
        // socket read arrives. The body must stay paused, so that the reader's drain still resumes the connection
        // (this lost resume once stalled an 8 MiB echo: the handler waited for bytes nobody read from the socket).
        assertThat(body.offer(chunk(RequestBody.HIGH_WATER + 1), false)).isFalse();
        read(RequestBody.HIGH_WATER / 2);
        assertThat(body.offer(chunk(1024), false)).isFalse();

        int queued = RequestBody.HIGH_WATER + 1 - RequestBody.HIGH_WATER / 2 + 1024;
        read(queued - RequestBody.LOW_WATER);
        assertThat(resumes).hasValue(0);
        read(1);
        assertThat(resumes).hasValue(1);
    }

    @Test
    void failsWith413WhenTheLimitIsPassedAndReleasesWhatWasQueued() {
        body.limit(100);
        assertThat(body.offer(chunk(60), false)).isTrue();
        body.offer(chunk(60), true);

        assertThatThrownBy(() -> body.read(new byte[10], 0, 10))
                .isInstanceOf(HttpException.class)
                .extracting(e -> ((HttpException) e).statusCode())
                .isEqualTo(413);
        assertThat(offered).allMatch(b -> b.refCnt() == 0);
    }

    @Test
    void readsToTheEndOnceComplete() throws Exception {
        body.offer(chunk(10), true);
        read(10);
        assertThat(body.read(new byte[1], 0, 1)).isEqualTo(-1);
        assertThat(body.isComplete()).isTrue();
    }
}
