/**
 * Testing a site without sockets: {@link dev.conduit.testing.SiteBuilder} writes a site folder for a test, {@link
 * dev.conduit.testing.TestHost} runs the real runtime over it in memory, and {@link dev.conduit.testing.TestResponse}
 * is what a request got back. {@link dev.conduit.testing.TestClock} lets a test move time. For pages in a real
 * browser over a real socket, {@link dev.conduit.testing.Chromium} runs headless Chromium and opens a {@link
 * dev.conduit.testing.BrowserSession} that types and clicks.
 */
@NullMarked
package dev.conduit.testing;

import org.jspecify.annotations.NullMarked;
