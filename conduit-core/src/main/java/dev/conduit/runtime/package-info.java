/**
 * For hosts: starting a site and handing it exchanges.
 *
 * <p>{@link dev.conduit.runtime.HttpRuntime} loads a site folder (every web.config, checked; {@code bin/*.jar})
 * and runs each {@link dev.conduit.spi.HostExchange} through the pipeline. {@link dev.conduit.runtime.RuntimeOptions}
 * holds what a host may tune.
 */
@NullMarked
package dev.conduit.runtime;

import org.jspecify.annotations.NullMarked;
