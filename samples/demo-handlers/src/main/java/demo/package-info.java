/** The demo site's handlers: each one a pattern to copy. */
@NullMarked
package demo;

import org.jspecify.annotations.NullMarked;
