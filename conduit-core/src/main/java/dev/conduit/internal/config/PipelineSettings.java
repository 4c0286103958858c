package dev.conduit.internal.config;

import dev.conduit.config.ConfigElement;
import dev.conduit.config.ElementChecks;
import dev.conduit.config.PipelineMode;
import dev.conduit.config.Section;
import dev.conduit.config.Source;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The site's pipeline mode and IIS's rule that keeps the two modes' configurations apart.
 *
 * <ul>
 *   <li>{@code <conduit pipelineMode="Classic|Integrated"/>}: Conduit's own element (IIS keeps the mode in the
 *       application pool, outside the site); application level only.
 *   <li>{@code <system.webServer><validation validateIntegratedModeConfiguration="true|false"/>}: whether a site in
 *       integrated mode that still has {@code <httpHandlers>} or {@code <httpModules>} entries is refused (IIS's
 *       500.22 and 500.23); true unless set.
 * </ul>
 */
public final class PipelineSettings {
    private PipelineSettings() {}

    /**
     * The mode a site's configuration chose, and where.
     *
     * @param mode the mode
     * @param source the {@code <conduit>} element that chose it, or null for the default
     */
    public record Choice(PipelineMode mode, @Nullable Source source) {}

    /** {@code <conduit>}. */
    public static final Section<Choice> SECTION = Section.builder("conduit", PipelineSettings::merge)
            .scope(Section.Scope.APPLICATION)
            .check((e, problems) -> {
                ElementChecks.attributes(e, Set.of("pipelineMode"), problems);
                ElementChecks.noChildren(e, problems);
                String mode = e.attr("pipelineMode");
                if (mode != null && PipelineMode.parse(mode) == null) {
                    problems.add(e.problem("pipelineMode must be Classic or Integrated: '" + mode + "'"));
                }
            })
            .build();

    /** {@code <system.webServer><validation>}: whether the 500.22/500.23 rule applies. */
    public static final Section<Boolean> VALIDATION = Section.builder(
                    "system.webServer/validation", PipelineSettings::mergeValidation)
            .check((e, problems) -> {
                ElementChecks.attributes(e, Set.of("validateIntegratedModeConfiguration"), problems);
                ElementChecks.noChildren(e, problems);
                ElementChecks.bool(e, "validateIntegratedModeConfiguration", true, problems);
            })
            .build();

    private static Choice merge(List<ConfigElement> levels) {
        Choice choice = new Choice(PipelineMode.CLASSIC, null);
        for (ConfigElement e : levels) {
            String mode = e.attr("pipelineMode");
            PipelineMode parsed = mode == null ? null : PipelineMode.parse(mode);
            if (parsed != null) {
                choice = new Choice(parsed, e.source());
            }
        }
        return choice;
    }

    private static Boolean mergeValidation(List<ConfigElement> levels) {
        boolean validate = true;
        for (ConfigElement e : levels) {
            String v = e.attr("validateIntegratedModeConfiguration");
            if (v != null) {
                validate = !v.equalsIgnoreCase("false");
            }
        }
        return validate;
    }
}
