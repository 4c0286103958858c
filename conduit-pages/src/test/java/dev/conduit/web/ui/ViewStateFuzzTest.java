package dev.conduit.web.ui;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.conduit.web.ui.ViewStateFormat.InvalidViewStateException;

/**
 * The view-state decoder under Jazzer's coverage-guided fuzzing: whatever the bytes, it gives a value of the closed set
 * or its own exception, nothing else (no other exception, no error, no allocation past its bounds: an
 * OutOfMemoryError would fail the test). In the ordinary build Jazzer runs the inputs kept under {@code
 * ViewStateFuzzTestInputs}; with {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}.
 */
class ViewStateFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void decodesOrRefusesAnyBytes(byte[] bytes) {
        try {
            Object value = ViewStateFormat.decode(bytes);
            // what decodes encodes again to the same value
            ViewStateFormat.decode(ViewStateFormat.encode(value));
        } catch (InvalidViewStateException e) {
            // the decoder's own refusal
        }
    }
}
