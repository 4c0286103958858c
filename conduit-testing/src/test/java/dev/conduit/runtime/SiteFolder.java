package dev.conduit.runtime;

import dev.conduit.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A test's site folder: files written into it, and the configuration problems loading it reports. */
record SiteFolder(Path root) {
    /** Writes {@code text} to {@code path} under the folder, making its parent folders. */
    void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    /** The site's configuration problems as {@code file:line: message}, as conduit check lists them; empty if none. */
    List<String> problems() {
        try (SiteInspector ignored = SiteInspector.load(root)) {
            return List.of();
        } catch (SiteInspector.LoadException e) {
            return e.problems().stream()
                    .map(ConfigurationException.Problem::toString)
                    .toList();
        }
    }
}
