package dev.conduit.internal.config;

import dev.conduit.config.Source;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One parsed web.config file.
 *
 * @param file the file, or {@code null} for the built-in root configuration
 * @param body the settings outside any {@code <location>}
 * @param locations the {@code <location>} blocks, in document order
 * @param warnings things that are valid but have no effect (sections Conduit does not implement), as {@code
 *     file:line: message}
 * @param declarations the sections declared for this file and the folders below it: the outer levels' and its own
 *     {@code <configSections>}
 * @param externalFiles the files its sections were read from besides itself ({@code configSource}, {@code
 *     <appSettings file>}): a change to one is a change to the configuration
 */
public record WebConfigFile(
        @Nullable Path file,
        ConfigBody body,
        List<LocationBlock> locations,
        List<ConfigWarning> warnings,
        SectionDeclarations declarations,
        List<Path> externalFiles) {

    /** Copies the lists. */
    public WebConfigFile {
        locations = List.copyOf(locations);
        warnings = List.copyOf(warnings);
        externalFiles = List.copyOf(externalFiles);
    }

    /**
     * A {@code <location path allowOverride>} block.
     *
     * @param path the target, relative to the file's folder ({@code ""} or {@code "."} for the folder itself)
     * @param allowOverride false to lock the block's sections against every deeper level ({@code
     *     allowOverride="false"} or {@code overrideMode="Deny"})
     */
    public record LocationBlock(String path, boolean allowOverride, Source source, ConfigBody body) {}
}
