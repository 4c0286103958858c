package dev.conduit.internal.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code configSource} and {@code <appSettings file>} point, with System.Configuration's rules: a path relative to
 * the web.config's folder, {@code \} or {@code /} as the separator (real files say {@code Config\x.config}), never
 * rooted and never outside the site.
 */
final class ExternalConfigFiles {
    private ExternalConfigFiles() {}

    /**
     * The file {@code value} names, or {@code null} after reporting why it cannot be used.
     *
     * @param configFile the web.config that names it ({@code null} for the built-in configuration, which cannot)
     * @param siteRoot the site's root folder
     * @param attribute how messages name the attribute ({@code configSource})
     * @param mustExist whether a missing file is a problem (it is not for {@code <appSettings file>})
     */
    static @Nullable Path resolve(
            @Nullable Path configFile,
            @Nullable Path siteRoot,
            String value,
            String attribute,
            boolean mustExist,
            Consumer<String> problem) {
        if (configFile == null || siteRoot == null) {
            problem.accept(attribute + " cannot be used in a built-in configuration");
            return null;
        }
        String relative = value.strip().replace('\\', '/');
        if (relative.isEmpty()) {
            problem.accept(attribute + " must name a file");
            return null;
        }
        if (relative.startsWith("/") || relative.startsWith("~") || relative.matches("^[A-Za-z]:.*")) {
            problem.accept(attribute + " must be a path relative to the folder of this web.config, not a rooted one: '"
                    + value + "'");
            return null;
        }
        Path root = siteRoot.toAbsolutePath().normalize();
        Path target;
        try {
            target = configFile.toAbsolutePath().getParent().resolve(relative).normalize();
        } catch (InvalidPathException e) {
            problem.accept(attribute + " is not a valid path: '" + value + "'");
            return null;
        }
        if (!target.startsWith(root)) {
            problem.accept(attribute + " must name a file inside the site, not outside it: '" + value + "'");
            return null;
        }
        if (mustExist && !Files.isRegularFile(target)) {
            problem.accept("the " + attribute + " file does not exist: " + target);
            return null;
        }
        return target;
    }
}
