package dev.conduit.internal.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A served site runs without Netty's leak sampling unless the JVM was told a level (this suite runs paranoid). */
class LeakDetectionDefaultTest {
    private static final String PROPERTY = "io.netty.leakDetection.level";

    private String property;
    private ResourceLeakDetector.Level level;

    @BeforeEach
    void remember() {
        property = System.getProperty(PROPERTY);
        level = ResourceLeakDetector.getLevel();
    }

    @AfterEach
    void restore() {
        if (property == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, property);
        }
        ResourceLeakDetector.setLevel(level);
    }

    @Test
    void withoutAPropertyTheServerTurnsLeakSamplingOff() {
        System.clearProperty(PROPERTY);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        ServerChannels.withoutLeakSampling();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void aLevelTheJvmWasGivenIsKept() {
        System.setProperty(PROPERTY, "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ServerChannels.withoutLeakSampling();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
