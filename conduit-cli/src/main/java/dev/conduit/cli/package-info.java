/**
 * The {@code conduit} command. Start with {@link dev.conduit.cli.ConduitCli}; each sub-command is one class: {@link
 * dev.conduit.cli.RunCommand} (its server settings as flags, or from the file {@link dev.conduit.cli.ServerConfigFile}
 * reads), {@link dev.conduit.cli.CheckCommand}, {@link dev.conduit.cli.RoutesCommand}, {@link
 * dev.conduit.cli.ExplainCommand}.
 */
@NullMarked
package dev.conduit.cli;

import org.jspecify.annotations.NullMarked;
