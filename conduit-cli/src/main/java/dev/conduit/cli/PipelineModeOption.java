package dev.conduit.cli;

import dev.conduit.config.PipelineMode;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --pipeline-mode Classic|Integrated}: the commands that load a site take it (a picocli mixin). */
final class PipelineModeOption {
    @Option(
            names = "--pipeline-mode",
            paramLabel = "MODE",
            converter = Converter.class,
            description = "Classic or Integrated: load the site in this pipeline mode, whatever its"
                    + " <conduit pipelineMode> says (default: the site's choice, else Classic)")
    @Nullable
    PipelineMode mode;

    /** Reads a mode ignoring case, with the values in the message when it names none. */
    static final class Converter implements ITypeConverter<PipelineMode> {
        @Override
        public PipelineMode convert(String value) {
            PipelineMode m = PipelineMode.parse(value);
            if (m == null) {
                throw new TypeConversionException("expected Classic or Integrated, not '" + value + "'");
            }
            return m;
        }
    }
}
