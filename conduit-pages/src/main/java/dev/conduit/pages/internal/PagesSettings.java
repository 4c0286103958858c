package dev.conduit.pages.internal;

import dev.conduit.web.ui.ClientIDMode;
import dev.conduit.web.ui.ViewStateEncryptionMode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The merged {@code <system.web><pages>} section for a path: the defaults of every page and control under it.
 *
 * @param masterPageFile the master page of content pages that name none
 * @param enableSessionState {@code true}, {@code false} or {@code ReadOnly}
 * @param clientIDMode the pages' ClientIDMode, or null for Predictable
 * @param enableViewState the pages' EnableViewState, or null for the default (true)
 * @param enableEventValidation the pages' EnableEventValidation, or null for the default (true)
 * @param viewStateEncryptionMode the pages' ViewStateEncryptionMode, or null for the default (Auto)
 * @param maintainScrollPositionOnPostBack the pages' MaintainScrollPositionOnPostBack, or null for the default (false)
 * @param controls tag prefixes registered for every file ({@code <controls><add tagPrefix namespace/>})
 * @param namespaces packages imported into every file ({@code <namespaces><add namespace/>})
 */
record PagesSettings(
        @Nullable String masterPageFile,
        String enableSessionState,
        @Nullable ClientIDMode clientIDMode,
        @Nullable Boolean enableViewState,
        @Nullable Boolean enableEventValidation,
        @Nullable ViewStateEncryptionMode viewStateEncryptionMode,
        @Nullable Boolean maintainScrollPositionOnPostBack,
        List<Registration> controls,
        List<String> namespaces) {
    static final PagesSettings DEFAULTS =
            new PagesSettings(null, "true", null, null, null, null, null, List.of(), List.of());

    /** A tag prefix registered in web.config: a namespace of controls, or one user control. */
    record Registration(String tagPrefix, @Nullable String namespace, @Nullable String tagName, @Nullable String src) {}
}
