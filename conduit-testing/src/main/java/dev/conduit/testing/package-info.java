/**
 * Testing a site without sockets: {@link dev.conduit.testing.TestHost} runs the real runtime over a site folder in
 * memory, and {@link dev.conduit.testing.TestResponse} is what a request got back.
 */
@NullMarked
package dev.conduit.testing;

import org.jspecify.annotations.NullMarked;
