package dev.conduit.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {
    @TempDir
    Path empty;

    @TempDir
    Path full;

    /**
     * Where {@code splitLooksAtDisk} says no, the split is the same whatever the disk holds: here a site with nothing
     * in it and one where every dotted name of the path is a file.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/plaintext",
                "/hello.ashx",
                "/a/b/c.aspx",
                "/h.ashx/extra",
                "/x/h.ashx/extra/more",
                "/trace.axd/x",
                "/TRACE.AXD/",
                "/.hidden/x",
                "/a.b/c.d/e",
                "/ab.c/x",
                "/x.axd.txt/y",
                "/a/b.c/"
            })
    void aSplitThatDoesNotLookAtTheDiskDoesNotDependOnIt(String path) throws Exception {
        for (String segment : path.substring(1).split("/")) {
            if (segment.indexOf('.') > 0) {
                Path prefix = full.resolve(path.substring(1, path.indexOf(segment) + segment.length()));
                Files.createDirectories(prefix.getParent());
                if (!Files.exists(prefix)) {
                    Files.writeString(prefix, "a file");
                }
                break; // the first dotted segment that is a file is where the split happens
            }
        }
        boolean differs = RequestPaths.splitPoint(empty, path) != RequestPaths.splitPoint(full, path);
        if (differs) {
            assertThat(RequestPaths.splitLooksAtDisk(path)).as(path).isTrue();
        }
        if (!RequestPaths.splitLooksAtDisk(path)) {
            assertThat(differs).as(path).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/h.ashx/extra", "/x/h.ashx/extra/more", "/a.b/c.d/e", "/ab.c/x", "/x.axd.txt/y", "/a/b.c/"})
    void aDottedSegmentBeforeASlashLooksAtTheDisk(String path) {
        assertThat(RequestPaths.splitLooksAtDisk(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/plaintext", "/hello.ashx", "/a/b/c.aspx", "/trace.axd/x", "/TRACE.AXD/", "/.hidden/x"})
    void noDottedSegmentBeforeASlashOrAnAxdNameDoesNot(String path) {
        assertThat(RequestPaths.splitLooksAtDisk(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/bin/x",
                "/App_Code/a.cs",
                "/x/APP_DATA/db",
                "/web-inf/web.xml",
                "/a/META-INF/m",
                "/App_GlobalResources/r",
                "/App_LocalResources/r",
                "/App_WebReferences/r",
                "/App_Browsers/b"
            })
    void everyHiddenFolderIsFoundAtAnyDepthIgnoringCase(String path) {
        assertThat(RequestPaths.hasHiddenSegment(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/plaintext", "/binx/y", "/bi/n", "/app_cod/x", "/my-web-inf/x", "/x/bin.txt", "/a/appcode"
            })
    void otherSegmentsAreNotHidden(String path) {
        assertThat(RequestPaths.hasHiddenSegment(path)).isFalse();
    }
}
